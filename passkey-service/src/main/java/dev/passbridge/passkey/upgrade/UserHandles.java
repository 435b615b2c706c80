package dev.passbridge.passkey.upgrade;

import dev.passbridge.passkey.webauthn.Base64Url;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * auth-service hands out the WebAuthn user handle as base64url text (random bytes, never the
 * username). A value that is not base64url of 1..64 bytes is used as UTF-8 bytes instead, so the
 * options stay valid whatever the upstream encoding.
 */
public final class UserHandles {
  private UserHandles() {}

  /** The base64url form of the {@code user.id} bytes. */
  public static String toBase64Url(String userHandle) {
    Optional<byte[]> decoded =
        userHandle.matches("[A-Za-z0-9_-]+") ? Base64Url.decode(userHandle) : Optional.empty();
    if (decoded.isPresent() && decoded.get().length >= 1 && decoded.get().length <= 64) {
      return Base64Url.encode(decoded.get());
    }
    byte[] utf8 = userHandle.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > 64) {
      throw new IllegalArgumentException("user handle longer than 64 bytes");
    }
    return Base64Url.encode(utf8);
  }
}
