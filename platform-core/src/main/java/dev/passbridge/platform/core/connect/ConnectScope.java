package dev.passbridge.platform.core.connect;

import java.util.Locale;
import java.util.Optional;

/**
 * What a connect token lets the browser do: {@code append} a passkey after the login the platform
 * reported, or {@code manage} the user's passkeys (list, rename, delete).
 */
public enum ConnectScope {
  APPEND,
  MANAGE;

  /** The value in the token's {@code scope} claim and in request bodies. */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The scope with this wire value (exact, lower case), or empty. */
  public static Optional<ConnectScope> fromWire(String value) {
    for (ConnectScope scope : values()) {
      if (scope.wireValue().equals(value)) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }
}
