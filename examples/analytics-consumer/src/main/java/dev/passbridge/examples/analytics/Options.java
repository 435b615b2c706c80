package dev.passbridge.examples.analytics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line.
 *
 * @param bootstrapServers Kafka, {@code host:port[,host:port]}
 * @param from first UTC day (inclusive) or null for all
 * @param to last UTC day (inclusive) or null for all
 * @param format {@code table} or {@code json}
 * @param follow keep reading after catching up, printing the funnel every {@code interval}
 * @param interval how often {@code --follow} prints
 * @param joinWindow intelligence-service's join window (its {@code join-window} setting)
 * @param source {@code HOSTED} or {@code CONNECT} to count only that source's logins, or null for
 *     all
 */
public record Options(
    String bootstrapServers,
    LocalDate from,
    LocalDate to,
    Format format,
    boolean follow,
    Duration interval,
    Duration joinWindow,
    String source) {

  public enum Format {
    TABLE,
    JSON
  }

  public static final String USAGE =
      """
      Usage: java -jar analytics-consumer-all.jar [options]
        --bootstrap-servers=HOST:PORT   Kafka (default localhost:9092)
        --from=YYYY-MM-DD               first UTC day, inclusive (default: the first day with events)
        --to=YYYY-MM-DD                 last UTC day, inclusive (default: the last day with events)
        --format=table|json             output (default table; json has the shape of GET /api/insights/funnel)
        --follow                        keep reading after catching up; print the funnel every --interval
        --interval=10s                  how often --follow prints (s, m or ISO-8601 such as PT30S)
        --join-window=10m               intelligence-service's passbridge.intelligence.join-window
        --source=hosted|connect         count only that source's logins (default: all, split by source)
        --help                          this text
      """;

  /** Parses {@code args}; throws {@link IllegalArgumentException} with a message for the user. */
  public static Options parse(String... args) {
    String bootstrap = "localhost:9092";
    LocalDate from = null;
    LocalDate to = null;
    Format format = Format.TABLE;
    boolean follow = false;
    Duration interval = Duration.ofSeconds(10);
    Duration joinWindow = Funnel.DEFAULT_JOIN_WINDOW;
    String source = null;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String arg = rest.removeFirst();
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--follow" -> follow = true;
        case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
        case "--bootstrap-servers",
            "--from",
            "--to",
            "--format",
            "--interval",
            "--join-window",
            "--source" -> {
          if (value == null) {
            if (rest.isEmpty()) {
              throw new IllegalArgumentException(name + " needs a value");
            }
            value = rest.removeFirst();
          }
          switch (name) {
            case "--bootstrap-servers" -> bootstrap = value;
            case "--from" -> from = date(name, value);
            case "--to" -> to = date(name, value);
            case "--format" -> format = format(value);
            case "--interval" -> interval = duration(name, value);
            case "--source" -> source = source(value);
            default -> joinWindow = duration(name, value);
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
      }
    }
    if (bootstrap.isBlank()) {
      throw new IllegalArgumentException("--bootstrap-servers must not be empty");
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("--from must not be after --to");
    }
    return new Options(bootstrap, from, to, format, follow, interval, joinWindow, source);
  }

  private static LocalDate date(String name, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO date such as 2026-06-01: " + value);
    }
  }

  private static String source(String value) {
    String upper = value.strip().toUpperCase(Locale.ROOT);
    if (upper.equals(Events.HOSTED) || upper.equals(Events.CONNECT)) {
      return upper;
    }
    throw new IllegalArgumentException("--source must be hosted or connect: " + value);
  }

  private static Format format(String value) {
    try {
      return Format.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format must be table or json: " + value);
    }
  }

  static Duration duration(String name, String value) {
    try {
      Duration d;
      if (value.matches("\\d+[smh]")) {
        long n = Long.parseLong(value.substring(0, value.length() - 1));
        d =
            switch (value.charAt(value.length() - 1)) {
              case 's' -> Duration.ofSeconds(n);
              case 'm' -> Duration.ofMinutes(n);
              default -> Duration.ofHours(n);
            };
      } else {
        d = Duration.parse(value);
      }
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return d;
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          name + " must be a duration such as 10m or PT10M: " + value);
    }
  }
}
