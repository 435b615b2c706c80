package dev.passbridge.auth.login;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Login ids: 128 random bits, base64url without padding (22 characters). */
public final class LoginIds {
  private LoginIds() {}

  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the API accepts as a login id (passkey-service mints them too). */
  public static final String PATTERN = "[A-Za-z0-9_-]{16,64}";

  private static final Pattern COMPILED = Pattern.compile(PATTERN);

  public static String next() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static boolean isWellFormed(String loginId) {
    return loginId != null && COMPILED.matcher(loginId).matches();
  }
}
