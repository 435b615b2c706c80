package dev.passbridge.auth;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * auth-service: accounts, password login, login transactions, sessions (signed JWT in a cookie) and
 * the JWKS (docs/architecture.md §2, §4). Reads {@code auth-service.yml}, never {@code
 * application.yml}, so it can share a JVM with the other services (launcher).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AuthApplication {
  public static final String CONFIG_NAME = "auth-service";

  public static void main(String[] args) {
    new SpringApplicationBuilder(AuthApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }
}
