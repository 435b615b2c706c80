package dev.passbridge.passkey.webauthn;

import java.util.Map;
import java.util.Objects;

/**
 * A refused ceremony: a value the caller handles, not an exception.
 *
 * @param code the stable reason
 * @param detail a human-readable explanation without secrets
 * @param properties extra problem properties (e.g. {@code credentialId} for {@code
 *     unknown-credential}, so the web app can call {@code signalUnknownCredential})
 */
public record Rejection(RejectionCode code, String detail, Map<String, Object> properties) {
  public Rejection {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
    properties = Map.copyOf(properties);
  }

  public static Rejection of(RejectionCode code, String detail) {
    return new Rejection(code, detail, Map.of());
  }
}
