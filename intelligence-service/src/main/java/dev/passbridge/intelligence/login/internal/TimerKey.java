package dev.passbridge.intelligence.login.internal;

/**
 * Keys of the timers store: {@code <kind>|<deadline ms, 16 digits>|<loginId>}, so a range scan up
 * to "now" finds exactly what is due, oldest first.
 */
public final class TimerKey {
  private TimerKey() {}

  /** A pending login's window closes. */
  public static final char PENDING = 'P';

  /** A decided-login mark may be forgotten. */
  public static final char DECIDED = 'D';

  public static String of(char kind, long deadline, String loginId) {
    return kind + "|" + pad(Math.max(0, deadline)) + "|" + loginId;
  }

  public static String first(char kind) {
    return kind + "|";
  }

  /** The last possible key of {@code kind} with a deadline at or before {@code cutoff}. */
  public static String upTo(char kind, long cutoff) {
    return kind + "|" + pad(Math.max(0, cutoff)) + "|\uffff";
  }

  public static String loginId(String key) {
    return key.substring(key.indexOf('|', 2) + 1);
  }

  private static String pad(long value) {
    String digits = Long.toString(value);
    return "0".repeat(Math.max(0, 16 - digits.length())) + digits;
  }
}
