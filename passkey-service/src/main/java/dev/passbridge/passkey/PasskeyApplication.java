package dev.passbridge.passkey;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PasskeyApplication {
  public static void main(String[] args) {
    org.springframework.boot.SpringApplication.run(PasskeyApplication.class, args);
  }
}
