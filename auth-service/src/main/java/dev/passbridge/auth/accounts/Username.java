package dev.passbridge.auth.accounts;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A username in two forms: {@code typed}, as the user wrote it (shown back to them and sent to the
 * browser as WebAuthn {@code user.name}, which Chrome matches against the saved password), and
 * {@code key}, the form that is unique: Unicode NFKC, lower-cased (root locale), NFKC again (case
 * mapping can denormalise). So {@code Alice}, {@code ALICE} and {@code Ａｌｉｃｅ} (full-width) are one
 * account.
 *
 * <p>Only letters, marks, digits and {@code . _ - @ +} are allowed, 3 to 64 characters after
 * normalisation and at most 64 as typed (both counted as code points, the stored form's column
 * holds them in PostgreSQL and H2 alike): no spaces, no control or invisible characters, room for
 * e-mail-like names. Normalisation can shorten a name (a letter and a combining accent become one
 * letter), so both forms are bounded. Invisible characters that Unicode counts as letters or marks
 * (its default-ignorable ones: the combining grapheme joiner, the variation selectors, the Hangul
 * fillers, the Khmer inherent vowels) are refused by name: {@code alice} followed by U+034F would
 * otherwise be another account that looks like {@code alice}.
 */
public record Username(String typed, String key) {
  public static final int MIN_LENGTH = 3;
  public static final int MAX_LENGTH = 64;
  private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{N}._@+-]+");

  /** Default-ignorable code points (Unicode's DerivedCoreProperties) among letters and marks. */
  private static final Pattern INVISIBLE =
      Pattern.compile(
          "[\\x{034F}\\x{115F}\\x{1160}\\x{17B4}\\x{17B5}\\x{180B}-\\x{180F}\\x{3164}"
              + "\\x{FE00}-\\x{FE0F}\\x{FFA0}\\x{E0100}-\\x{E01EF}]");

  public Username {
    if (typed == null || key == null) {
      throw new IllegalArgumentException("typed and key are required");
    }
  }

  /**
   * The lookup key of whatever the user typed at login; never fails, so an invalid name is simply
   * an unknown user (same answer, same time).
   */
  public static String keyOf(String typed) {
    String nfkc = Normalizer.normalize(typed.strip(), Normalizer.Form.NFKC);
    return Normalizer.normalize(nfkc.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
  }

  /** A name for a new account, or empty when it breaks the rules above. */
  public static Optional<Username> parse(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String stripped = typed.strip();
    String key = keyOf(stripped);
    int length = key.codePointCount(0, key.length());
    if (length < MIN_LENGTH
        || length > MAX_LENGTH
        || stripped.codePointCount(0, stripped.length()) > MAX_LENGTH
        || !ALLOWED.matcher(key).matches()
        || INVISIBLE.matcher(key).find()
        || INVISIBLE.matcher(stripped).find()) {
      return Optional.empty();
    }
    return Optional.of(new Username(stripped, key));
  }
}
