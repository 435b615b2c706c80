package dev.passbridge.intelligence;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class IntelligenceApplication {
  public static void main(String[] args) {
    org.springframework.boot.SpringApplication.run(IntelligenceApplication.class, args);
  }
}
