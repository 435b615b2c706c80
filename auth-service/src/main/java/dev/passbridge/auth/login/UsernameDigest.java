package dev.passbridge.auth.login;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The digest of a username in the login limits' Redis keys ({@code <u>} in {@code
 * auth:rl:login-user:<u>}, {@code auth:login-known:<u>:<ip>}, ...): HMAC-SHA256 of the username's
 * key under a per-deployment secret ({@code passbridge.auth.login.username-hmac-key}), cut to its
 * first 128 bits, in hex (the shape of {@code Tokens.digest}, so the keys keep their format).
 *
 * <p>Keyed because usernames can be guessed: with a plain SHA-256 anyone who could read Redis could
 * hash a guessed name, find its keys and read the addresses it logged in from. Without the key the
 * digest tells a reader of Redis nothing about the name.
 *
 * <p>Changing the key changes every digest: every limit counter, known address and known device
 * starts afresh (the old keys are never read again and expire with their TTLs).
 */
public final class UsernameDigest {
  public static final int MIN_KEY_BYTES = 32;
  public static final String PROPERTY = "passbridge.auth.login.username-hmac-key";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public UsernameDigest(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          PROPERTY + " needs at least " + MIN_KEY_BYTES + " bytes, got " + key.length);
    }
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /**
   * The key as configured: base64 (standard or URL alphabet) of at least {@value #MIN_KEY_BYTES}
   * bytes.
   *
   * @throws IllegalArgumentException if it is missing, not base64 or too short (the message names
   *     the property, never the value)
   */
  public static byte[] decodeKey(String configured) {
    if (configured == null || configured.isBlank()) {
      throw new IllegalArgumentException(
          PROPERTY
              + " is not set: base64 of at least "
              + MIN_KEY_BYTES
              + " random bytes, one per deployment (openssl rand -base64 32)");
    }
    String k = configured.strip();
    byte[] bytes;
    try {
      bytes =
          k.indexOf('-') >= 0 || k.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(k)
              : Base64.getDecoder().decode(k);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PROPERTY + " is not valid base64", e);
    }
    if (bytes.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          PROPERTY
              + " must decode to at least "
              + MIN_KEY_BYTES
              + " bytes (got "
              + bytes.length
              + ")");
    }
    return bytes;
  }

  /** The digest of a username's key ({@code Username.keyOf}). */
  public String of(String usernameKey) {
    Objects.requireNonNull(usernameKey, "usernameKey");
    try {
      Mac mac = Mac.getInstance(ALGORITHM); // Mac is not thread-safe; one per call is cheap
      mac.init(key);
      byte[] hash = mac.doFinal(usernameKey.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
