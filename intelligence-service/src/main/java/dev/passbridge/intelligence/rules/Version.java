package dev.passbridge.intelligence.rules;

import java.util.Arrays;
import java.util.Optional;

/**
 * A dotted numeric version ({@code 18.2}, {@code 136.0.7103.114}, {@code 10_15_7}), compared
 * component by component; missing components count as 0.
 */
public record Version(int[] parts) implements Comparable<Version> {

  public Version {
    parts = parts.clone();
  }

  /** Leading numeric components of {@code text}; empty when it does not start with a digit. */
  public static Optional<Version> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String[] tokens = text.trim().split("[._]");
    int[] parts = new int[tokens.length];
    int n = 0;
    for (String token : tokens) {
      int end = 0;
      while (end < token.length() && end < 9 && Character.isDigit(token.charAt(end))) {
        end++;
      }
      if (end == 0) {
        break;
      }
      parts[n++] = Integer.parseInt(token.substring(0, end));
      if (end < token.length()) {
        break;
      }
    }
    return n == 0 ? Optional.empty() : Optional.of(new Version(Arrays.copyOf(parts, n)));
  }

  public static Version of(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException("not a version: " + text));
  }

  @Override
  public int compareTo(Version other) {
    int length = Math.max(parts.length, other.parts.length);
    for (int i = 0; i < length; i++) {
      int a = i < parts.length ? parts[i] : 0;
      int b = i < other.parts.length ? other.parts[i] : 0;
      if (a != b) {
        return Integer.compare(a, b);
      }
    }
    return 0;
  }

  public boolean atLeast(Version minimum) {
    return compareTo(minimum) >= 0;
  }

  /** {@code 137} covers {@code 137}, {@code 137.0} and {@code 137.0.7151.55}, not {@code 13}. */
  public boolean startsWith(Version prefix) {
    if (prefix.parts.length > parts.length) {
      return false;
    }
    for (int i = 0; i < prefix.parts.length; i++) {
      if (parts[i] != prefix.parts[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Version v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    int end = parts.length;
    while (end > 0 && parts[end - 1] == 0) {
      end--;
    }
    return Arrays.hashCode(Arrays.copyOf(parts, end));
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      s.append(i == 0 ? "" : ".").append(parts[i]);
    }
    return s.toString();
  }
}
