package dev.passbridge.otp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * otp-service: SMS one-time codes for the password login (docs/architecture.md §2, §4). Issues a
 * code on {@code PasswordAuthenticated}, verifies it ({@code POST /api/otp/verify}), resends it
 * ({@code POST /api/otp/resend}) and locks a login after too many wrong codes.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OtpApplication {
  public static final String CONFIG_NAME = "otp-service";

  public static void main(String[] args) {
    new SpringApplicationBuilder(OtpApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }
}
