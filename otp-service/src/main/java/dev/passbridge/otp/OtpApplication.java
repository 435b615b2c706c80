package dev.passbridge.otp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class OtpApplication {
  public static void main(String[] args) {
    org.springframework.boot.SpringApplication.run(OtpApplication.class, args);
  }
}
