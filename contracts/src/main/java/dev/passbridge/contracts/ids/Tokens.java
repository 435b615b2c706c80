package dev.passbridge.contracts.ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Bearer tokens a browser holds in a cookie (the login binding, auth-service's device and retry
 * tokens) and the digests a store keeps in their place. A token is 256 bits from a CSPRNG,
 * base64url without padding (43 characters); a digest is SHA-256 cut to its first 128 bits, in hex:
 * enough to tell tokens and names apart, and no way back to what was hashed. A store that keeps
 * only digests gives a reader of Redis, of the events or of a log nothing to present.
 */
public final class Tokens {
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  /** A fresh token. */
  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code token} has the shape of one {@link #newToken()} makes. */
  public static boolean isToken(String token) {
    return token != null && SHAPE.matcher(token).matches();
  }

  /** The digest of any string: a token, a username, an address. */
  public static String digest(String value) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
