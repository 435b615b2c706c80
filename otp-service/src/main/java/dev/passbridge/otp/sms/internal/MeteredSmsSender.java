package dev.passbridge.otp.sms.internal;

import dev.passbridge.otp.sms.SmsDeliveryException;
import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.SmsSender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every send: {@code passbridge.otp.sms.send{sender, outcome=sent|failed,
 * failure=none|unavailable|rejected|recipient|error}}. {@code failure=rejected} (credentials,
 * account or sender refused by the provider) is the one an operator must fix.
 */
final class MeteredSmsSender implements SmsSender {
  private final SmsSender delegate;
  private final MeterRegistry meters;

  MeteredSmsSender(SmsSender delegate, MeterRegistry meters) {
    this.delegate = delegate;
    this.meters = meters;
  }

  @Override
  public void send(SmsMessage message) {
    Timer.Sample sample = Timer.start(meters);
    String outcome = "failed";
    String failure = "error";
    try {
      delegate.send(message);
      outcome = "sent";
      failure = "none";
    } catch (SmsDeliveryException e) {
      failure = e.reason().name().toLowerCase();
      throw e;
    } finally {
      sample.stop(
          meters.timer(
              "passbridge.otp.sms.send",
              "sender",
              delegate.name(),
              "outcome",
              outcome,
              "failure",
              failure));
    }
  }

  @Override
  public String name() {
    return delegate.name();
  }
}
