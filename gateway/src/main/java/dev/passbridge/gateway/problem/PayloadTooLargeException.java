package dev.passbridge.gateway.problem;

/** A streamed request body grew past the configured limit (no {@code Content-Length} to check). */
public class PayloadTooLargeException extends RuntimeException {
  private final long limit;

  public PayloadTooLargeException(long limit) {
    super("request body larger than " + limit + " bytes", null, false, false);
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
