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
  /**
   * Records per poll: each can wait for an SMS provider (three tries of a 3 s read timeout and
   * their backoff, about 10 s), and the consumer must poll again within {@code
   * max.poll.interval.ms} (5 min) or be put out of its group while it still works through the
   * batch. Its successor would then issue the same records again next to it (a second SMS with
   * another code for a login whose first send is still under way). With Kafka's 500 a slow provider
   * got there; 20 × 10 s stays well inside.
   */
  static final int MAX_POLL_RECORDS = 20;

  private final OtpIssuer issuer;

  PasswordAuthenticatedListener(OtpIssuer issuer) {
    this.issuer = issuer;
  }

  @KafkaListener(
      id = "otp-password-authenticated",
      groupId = "${spring.application.name}",
      topics = "#{T(dev.passbridge.contracts.topics.Topics).PASSWORD_AUTHENTICATED.name()}",
      concurrency = "${passbridge.otp.listener-concurrency:1}",
      properties = "max.poll.records=" + PasswordAuthenticatedListener.MAX_POLL_RECORDS)
  void on(PasswordAuthenticated event) {
    issuer.issue(event);
  }
}
