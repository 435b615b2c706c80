package dev.passbridge.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class GatewayApplication {
  public static void main(String[] args) {
    org.springframework.boot.SpringApplication.run(GatewayApplication.class, args);
  }
}
