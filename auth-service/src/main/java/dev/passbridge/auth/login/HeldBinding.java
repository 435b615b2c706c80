package dev.passbridge.auth.login;

import dev.passbridge.contracts.ids.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The binding token of a login held for a browser's retry, sealed under that browser's retry token,
 * so that the hold in Redis (and Redis's append-only file, its replicas and backups) gives a reader
 * nothing to present: the token XOR HMAC-SHA256(retry token, a fixed label). Redis names the hold
 * by the retry token's digest only, so neither the key nor the value opens the seal; the retry that
 * presents the retry token does. Each retry token seals one binding token, once: a one-time pad
 * from a PRF. Plain JDK code, twelve lines: no library seals a value under a bearer token like
 * this.
 */
public final class HeldBinding {
  private static final byte[] LABEL =
      "passbridge:held-login-binding".getBytes(StandardCharsets.UTF_8);
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private HeldBinding() {}

  /** {@code bindingToken} sealed under {@code retryToken} (both {@link Tokens} tokens). */
  public static String seal(String bindingToken, String retryToken) {
    return xor(bindingToken, retryToken);
  }

  /** What {@link #seal} sealed under {@code retryToken}. */
  public static String unseal(String sealed, String retryToken) {
    return xor(sealed, retryToken);
  }

  private static String xor(String token, String retryToken) {
    if (!Tokens.isToken(token) || !Tokens.isToken(retryToken)) {
      throw new IllegalArgumentException("not a token");
    }
    byte[] bytes = DECODER.decode(token);
    byte[] pad = pad(retryToken);
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] ^= pad[i];
    }
    return ENCODER.encodeToString(bytes);
  }

  private static byte[] pad(String retryToken) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(retryToken.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      return mac.doFinal(LABEL);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }
}
