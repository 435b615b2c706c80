package dev.passbridge.intelligence.decision.internal;

/**
 * Keys of the timers store: {@code <kind>|<deadline ms, 16 digits>|<loginId>}, so a range scan up
 * to "now" finds exactly what is due, oldest first.
 */
final class TimerKey {
  private TimerKey() {}

  /** A pending login's window closes. */
  static final char PENDING = 'P';

  /** A decided-login mark may be forgotten. */
  static final char DECIDED = 'D';

  static String of(char kind, long deadline, String loginId) {
    return kind + "|" + pad(Math.max(0, deadline)) + "|" + loginId;
  }

  static String first(char kind) {
    return kind + "|";
  }

  /** The last possible key of {@code kind} with a deadline at or before {@code cutoff}. */
  static String upTo(char kind, long cutoff) {
    return kind + "|" + pad(Math.max(0, cutoff)) + "|\uffff";
  }

  static String loginId(String key) {
    return key.substring(key.indexOf('|', 2) + 1);
  }

  private static String pad(long value) {
    String digits = Long.toString(value);
    return "0".repeat(Math.max(0, 16 - digits.length())) + digits;
  }
}
