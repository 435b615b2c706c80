package dev.passbridge.passkey.ceremony;

import dev.passbridge.passkey.webauthn.Base64Url;
import java.security.SecureRandom;

/**
 * Challenges and ceremony ids from a CSPRNG (login ids are {@code LoginId.random()}, the one format
 * every service accepts).
 */
public class RandomTokens {
  private final SecureRandom random = new SecureRandom();

  public byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  /** A 32-byte WebAuthn challenge. */
  public byte[] challenge() {
    return bytes(32);
  }

  /** 128 random bits, base64url without padding (22 characters): ceremony ids. */
  public String id() {
    return Base64Url.encode(bytes(16));
  }
}
