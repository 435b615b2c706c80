package dev.passbridge.otp.sms;

/**
 * A message could not be handed to the SMS channel. {@link #reason()} says what the caller can do
 * about it: wait and retry ({@link Reason#UNAVAILABLE}), nothing (our request or account is wrong:
 * {@link Reason#REJECTED}), or tell the user that their number cannot get the code ({@link
 * Reason#RECIPIENT}).
 */
public class SmsDeliveryException extends RuntimeException {

  /** Why the message was not handed over; each adapter maps its provider's errors to one. */
  public enum Reason {
    /** Timeouts, I/O errors, throttling, 5xx, an open circuit: a later try may work. */
    UNAVAILABLE,
    /**
     * The provider refused our request: credentials, account, sender id, a malformed request.
     * Retrying the same request cannot help; an operator has to fix the configuration.
     */
    REJECTED,
    /**
     * The recipient's number cannot get the SMS: invalid, not a mobile number, barred, unsubscribed
     * from our sender, or in a region we may not send to. The user has to be told.
     */
    RECIPIENT
  }

  private final Reason reason;

  public SmsDeliveryException(String message, Reason reason, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** {@code transientFailure}: {@link Reason#UNAVAILABLE}, otherwise {@link Reason#REJECTED}. */
  public SmsDeliveryException(String message, boolean transientFailure, Throwable cause) {
    this(message, transientFailure ? Reason.UNAVAILABLE : Reason.REJECTED, cause);
  }

  public Reason reason() {
    return reason;
  }

  /** {@code true}: retry later may work (timeouts, 5xx, open circuit); {@code false}: it won't. */
  public boolean isTransient() {
    return reason == Reason.UNAVAILABLE;
  }
}
