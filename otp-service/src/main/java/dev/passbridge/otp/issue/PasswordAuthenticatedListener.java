package dev.passbridge.otp.issue;

import dev.passbridge.contracts.events.PasswordAuthenticated;
import org.springframework.kafka.annotation.KafkaListener;

/** Kafka adapter: every {@code PasswordAuthenticated} becomes a code (ARCHITECTURE §4). */
class PasswordAuthenticatedListener {
  private final OtpIssuer issuer;

  PasswordAuthenticatedListener(OtpIssuer issuer) {
    this.issuer = issuer;
  }

  @KafkaListener(
      id = "otp-password-authenticated",
      groupId = "${spring.application.name}",
      topics = "#{T(dev.passbridge.contracts.topics.Topics).PASSWORD_AUTHENTICATED.name()}",
      concurrency = "${passbridge.otp.listener-concurrency:1}")
  void on(PasswordAuthenticated event) {
    issuer.issue(event);
  }
}
