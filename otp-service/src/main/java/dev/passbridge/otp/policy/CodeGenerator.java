package dev.passbridge.otp.policy;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Six-digit codes, uniform over {@code 000000..999999}, from a CSPRNG. {@link
 * RandomGenerator#nextInt(int)} rejects out-of-range draws, so there is no modulo bias.
 */
public final class CodeGenerator {
  public static final int DIGITS = 6;
  private static final int BOUND = 1_000_000;

  private final RandomGenerator random;

  public CodeGenerator() {
    this(new SecureRandom());
  }

  /** For tests only: a seeded generator gives repeatable codes. */
  public CodeGenerator(RandomGenerator random) {
    this.random = random;
  }

  public String next() {
    return String.format("%06d", random.nextInt(BOUND));
  }

  /** Exactly six ASCII digits. */
  public static boolean wellFormed(String code) {
    if (code == null || code.length() != DIGITS) {
      return false;
    }
    for (int i = 0; i < DIGITS; i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
