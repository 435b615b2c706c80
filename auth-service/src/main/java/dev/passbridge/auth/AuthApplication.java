package dev.passbridge.auth;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AuthApplication {
  public static void main(String[] args) {
    org.springframework.boot.SpringApplication.run(AuthApplication.class, args);
  }
}
