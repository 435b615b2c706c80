package dev.passbridge.auth.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Password strength at registration, after NIST SP 800-63B: a minimum length (the password is
 * always one factor of two here, with the SMS code), a generous maximum, no composition rules, but
 * a blocklist of common passwords and no password that is little more than the username or one
 * character repeated. Lengths count Unicode code points after NFKC (see {@link #normalise}).
 */
public final class PasswordPolicy {
  public static final int MAX_LENGTH = 128;

  /** Why a password was refused; the API returns these as {@code reasons}. */
  public enum Weakness {
    TOO_SHORT,
    TOO_LONG,
    COMMON,
    CONTAINS_USERNAME,
    TOO_FEW_DISTINCT_CHARACTERS
  }

  private final int minLength;
  private final Set<String> common;

  public PasswordPolicy(int minLength, Set<String> commonPasswords) {
    if (minLength < 8 || minLength > MAX_LENGTH) {
      throw new IllegalArgumentException("minLength must be between 8 and " + MAX_LENGTH);
    }
    this.minLength = minLength;
    Set<String> lower = new HashSet<>();
    commonPasswords.forEach(p -> lower.add(normalise(p).toLowerCase(Locale.ROOT)));
    this.common = Set.copyOf(lower);
  }

  /** The policy with the built-in blocklist ({@code common-passwords.txt}). */
  public static PasswordPolicy withBuiltInBlocklist(int minLength) {
    return new PasswordPolicy(minLength, builtInBlocklist());
  }

  public int minLength() {
    return minLength;
  }

  /**
   * NFKC, as NIST SP 800-63B asks, so the same password typed on two keyboards (composed or
   * decomposed accents, full-width digits) hashes the same. Applied before hashing and verifying.
   */
  public static String normalise(String password) {
    return Normalizer.normalize(password, Normalizer.Form.NFKC);
  }

  /** The weaknesses of {@code password} for the account {@code usernameKey}; empty means fine. */
  public List<Weakness> check(String password, String usernameKey) {
    List<Weakness> weaknesses = new ArrayList<>();
    String normalised = normalise(password);
    int length = normalised.codePointCount(0, normalised.length());
    if (length < minLength) {
      weaknesses.add(Weakness.TOO_SHORT);
    }
    if (length > MAX_LENGTH) {
      weaknesses.add(Weakness.TOO_LONG);
    }
    String lower = normalised.toLowerCase(Locale.ROOT);
    if (common.contains(lower) || common.contains(stripTrailingDigits(lower))) {
      weaknesses.add(Weakness.COMMON);
    }
    if (usernameKey != null && !usernameKey.isEmpty() && lower.contains(usernameKey)) {
      String rest = lower.replace(usernameKey, "");
      if (rest.codePointCount(0, rest.length()) < minLength) {
        weaknesses.add(Weakness.CONTAINS_USERNAME);
      }
    }
    if (lower.codePoints().distinct().count() < 4) {
      weaknesses.add(Weakness.TOO_FEW_DISTINCT_CHARACTERS);
    }
    return List.copyOf(weaknesses);
  }

  private static String stripTrailingDigits(String s) {
    int end = s.length();
    while (end > 0 && Character.isDigit(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  static Set<String> builtInBlocklist() {
    try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
      if (in == null) {
        throw new IllegalStateException("common-passwords.txt is missing from the classpath");
      }
      Set<String> words = new HashSet<>();
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          String word = line.strip();
          if (!word.isEmpty() && !word.startsWith("#")) {
            words.add(word);
          }
        }
      }
      return words;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
