package dev.passbridge.otp.sms;

/** A message could not be handed to the SMS channel: an infrastructure failure, not a rejection. */
public class SmsDeliveryException extends RuntimeException {
  private final boolean transientFailure;

  public SmsDeliveryException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /** {@code true}: retry later may work (timeouts, 5xx, open circuit); {@code false}: it won't. */
  public boolean isTransient() {
    return transientFailure;
  }
}
