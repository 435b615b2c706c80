package dev.passbridge.examples.shop;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The example shop (README "Add passkeys to your own login"): its own users, password login, second
 * factor and session, with Passbridge's passkeys added through {@code /connect/v1} and the web SDK.
 * Reads {@code shop.yml} (and {@code shop-local.yml} in the {@code local} profile), so it can run
 * in the launcher's JVM beside the services without reading their settings.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ShopApplication {

  public static void main(String[] args) {
    SpringApplication app =
        new SpringApplicationBuilder(ShopApplication.class)
            .properties("spring.config.name=shop")
            .build();
    app.run(args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
