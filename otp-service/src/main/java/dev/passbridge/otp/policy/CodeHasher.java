package dev.passbridge.otp.policy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a code, bound to its login: {@code HMAC(key, len(loginId) ":" loginId ":" code)}.
 * Redis only ever holds this value, so a dump of Redis does not reveal codes, and a code's HMAC is
 * useless for any other login. The key is per deployment (configuration).
 */
public final class CodeHasher {
  public static final int MIN_KEY_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public CodeHasher(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the OTP HMAC key needs at least " + MIN_KEY_BYTES + " bytes, got " + key.length);
    }
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  public byte[] hash(String loginId, String code) {
    Objects.requireNonNull(loginId, "loginId");
    Objects.requireNonNull(code, "code");
    try {
      Mac mac = Mac.getInstance(ALGORITHM); // Mac is not thread-safe; one per call is cheap
      mac.init(key);
      return mac.doFinal(
          (loginId.length() + ":" + loginId + ":" + code).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Constant-time comparison of the candidate's HMAC with the stored one. */
  public boolean matches(String loginId, String candidate, byte[] storedHmac) {
    return MessageDigest.isEqual(hash(loginId, candidate), storedHmac);
  }
}
