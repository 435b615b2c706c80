package dev.passbridge.platform.core.session;

/** The revocation store could not be asked: the session is not accepted (fail closed, 503). */
public class RevocationCheckUnavailableException extends RuntimeException {
  public RevocationCheckUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
