package dev.passbridge.otp.sms;

/**
 * The port through which codes leave the service. Adapters: {@code outbox.DevSmsOutbox} (local
 * profile: kept in Redis, shown at {@code GET /api/dev/sms}) and {@code provider.HttpSmsSender} (an
 * HTTP SMS provider).
 */
public interface SmsSender {

  /**
   * Sends one message. Retrying is the adapter's job; it uses {@link SmsMessage#messageId()} as the
   * idempotency key, so a provider can drop the duplicates of a retried request.
   *
   * @throws SmsDeliveryException when the message could not be handed over
   */
  void send(SmsMessage message);

  /** For logs and metrics, e.g. {@code outbox}, {@code http}. */
  String name();
}
