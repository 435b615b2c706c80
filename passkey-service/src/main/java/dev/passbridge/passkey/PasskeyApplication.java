package dev.passbridge.passkey;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * passkey-service: WebAuthn ceremonies (automatic upgrade after a password login, passkey login),
 * the credential store and passkey management (docs/services/passkey-service.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PasskeyApplication {
  public static final String CONFIG_NAME = "passkey-service";

  public static void main(String[] args) {
    new SpringApplicationBuilder(PasskeyApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }
}
