package dev.passbridge.contracts.ids;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The id of one login: 128 random bits, base64url without padding (22 characters). auth-service
 * mints one per password login, passkey-service one per passkey login; every service that takes a
 * login id from a request (session, OTP verify and resend, the dev SMS inbox) accepts exactly what
 * {@link #PATTERN} allows, so a malformed id is a 400 at the edge of each of them and never reaches
 * a store. The events carry the id as its string ({@link #value()}).
 *
 * @param value the id as text
 */
public record LoginId(String value) {

  /**
   * What the API accepts as a login id, for bean validation ({@code @Pattern(regexp =
   * LoginId.PATTERN)}): base64url characters, 16 to 64 of them (ids are 22 long; the range leaves
   * room for a longer id without a contract change).
   */
  public static final String PATTERN = "[A-Za-z0-9_-]{16,64}";

  private static final Pattern COMPILED = Pattern.compile(PATTERN);
  private static final SecureRandom RANDOM = new SecureRandom();

  public LoginId {
    if (!isWellFormed(value)) {
      throw new IllegalArgumentException("not a login id");
    }
  }

  /** A fresh id from a CSPRNG. */
  public static LoginId random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return new LoginId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The id, or empty for anything that is not one (null, blank, wrong characters or length). */
  public static Optional<LoginId> parse(String text) {
    return isWellFormed(text) ? Optional.of(new LoginId(text)) : Optional.empty();
  }

  public static boolean isWellFormed(String text) {
    return text != null && COMPILED.matcher(text).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
