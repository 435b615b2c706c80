package dev.passbridge.contracts.events;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Validation helpers for the compact constructors of the event records. */
final class Require {
  private Require() {}

  static <T> T present(T value, String name) {
    return Objects.requireNonNull(value, () -> name + " is required");
  }

  static String text(String value, String name) {
    present(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    // characters as people (and JSON Schema's maxLength) count them: code points, so 300 emoji
    // (600 UTF-16 units) are 300, as the APIs that take the text count them
    if (value.codePointCount(0, value.length()) > 512) {
      throw new IllegalArgumentException(name + " is longer than 512 characters");
    }
    return value;
  }

  /** A document carried as text (JSON): not blank, at most {@code max} characters. */
  static String document(String value, String name, int max) {
    present(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(name + " is longer than " + max + " characters");
    }
    return value;
  }

  static String optionalText(String value, String name) {
    return value == null ? null : text(value, name);
  }

  static <T> List<T> list(List<T> value, String name) {
    return List.copyOf(present(value, name));
  }

  static <K, V> Map<K, V> map(Map<K, V> value, String name) {
    return Map.copyOf(present(value, name));
  }
}
