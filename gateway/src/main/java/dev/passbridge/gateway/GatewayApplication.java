package dev.passbridge.gateway;

import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The only public entry of Passbridge (docs/architecture.md §2, §4, §6, §7): routes the browser API
 * to the services, checks sessions and rate limits at the edge, sets the security headers and
 * serves the web app. Reads {@code gateway.yml} (and {@code gateway-local.yml}), never {@code
 * application.yml}, so it can share one JVM with the other services.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

  public static final String CONFIG_NAME = "gateway";

  public static void main(String[] args) {
    new SpringApplicationBuilder(GatewayApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }

  @Bean
  Clock gatewayClock() {
    return Clock.systemUTC();
  }
}
