package dev.passbridge.otp.issue;

import dev.passbridge.contracts.events.PasswordAuthenticated;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Kafka adapter: every {@code PasswordAuthenticated} becomes a code (docs/architecture.md §3).
 * Found by component scanning, like the controllers, so it stays invisible to other features.
 */
@Component
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
