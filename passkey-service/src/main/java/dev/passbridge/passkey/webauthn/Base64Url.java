package dev.passbridge.passkey.webauthn;

import java.util.Base64;
import java.util.Optional;

/** base64url without padding, as WebAuthn's JSON encodings use it. */
public final class Base64Url {
  private Base64Url() {}

  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Accepts padded and unpadded input; empty when it is not base64url. */
  public static Optional<byte[]> decode(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getUrlDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
