package dev.passbridge.intelligence;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Passkey Intelligence (docs/services/intelligence-service.md): decides per login whether to
 * upgrade to a passkey and serves the upgrade funnel. A Kafka Streams application with a small web
 * API.
 */
@SpringBootApplication
@EnableConfigurationProperties(IntelligenceProperties.class)
public class IntelligenceApplication {
  public static void main(String[] args) {
    new SpringApplicationBuilder(IntelligenceApplication.class)
        .properties("spring.config.name=intelligence-service")
        .run(args);
  }
}
