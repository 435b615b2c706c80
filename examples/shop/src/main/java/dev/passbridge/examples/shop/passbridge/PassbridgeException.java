package dev.passbridge.examples.shop.passbridge;

/**
 * A call to Passbridge that did not give the shop what it asked for, with what the shop should do
 * about it.
 */
public final class PassbridgeException extends RuntimeException {

  /** What went wrong, from the shop's point of view. */
  public enum Kind {
    /** Passbridge did not answer in time, or answered 5xx: passkeys are unavailable for now. */
    UNAVAILABLE,
    /** 401 {@code invalid-client}: the shop's client id or secret is wrong (configuration). */
    MISCONFIGURED,
    /** 429 {@code quota-exceeded}: the shop is over its request quota. */
    OVER_QUOTA,
    /** Any other 4xx: Passbridge refused this request ({@link #code()} says why). */
    REJECTED
  }

  /**
   * The code of Passbridge's 503 to an erasure that has started but did not finish: the erasure is
   * recorded and cannot be undone (the passkeys and the profile are being deleted), but the
   * customer's mapping or sessions were not all done. The same request finishes it.
   */
  public static final String ERASURE_INCOMPLETE = "erasure-incomplete";

  private final Kind kind;
  private final int status;
  private final String code;

  public PassbridgeException(Kind kind, int status, String code, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.code = code;
  }

  public Kind kind() {
    return kind;
  }

  /** Passbridge's HTTP status, 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** Passbridge's problem {@code code} (e.g. {@code login-result-used}), or {@code null}. */
  public String code() {
    return code;
  }

  /**
   * Whether Passbridge answered {@value #ERASURE_INCOMPLETE}: the erasure has started there and
   * cannot be undone, but it did not finish; erasing again finishes it.
   */
  public boolean erasureIncomplete() {
    return ERASURE_INCOMPLETE.equals(code);
  }
}
