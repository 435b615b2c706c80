package dev.passbridge.examples.analytics;

import dev.passbridge.examples.analytics.FunnelReport.Key;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.KafkaException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * An example for analytics teams: reads the Passbridge topics from the beginning with a plain Kafka
 * consumer and prints the upgrade funnel per UTC day and platform, counted as intelligence-service
 * counts it (see {@link Funnel}). Uses no Passbridge code: the events are read as JSON into this
 * example's own records.
 */
public final class AnalyticsConsumer {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private AnalyticsConsumer() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command line: the funnel goes to {@code out}, progress and errors to {@code err}.
   * Returns the exit code: 0 done, 1 Kafka failed, 2 bad command line.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      boolean help = e.getMessage().equals(Options.USAGE);
      (help ? out : err).println(e.getMessage());
      return help ? 0 : 2;
    }
    Funnel funnel = new Funnel(options.joinWindow());
    try (TopicReader reader = new TopicReader(options.bootstrapServers(), funnel, err)) {
      reader.catchUp();
      print(funnel, options, out);
      if (options.follow()) {
        long[] printed = {0};
        reader.follow(
            options.interval(),
            () -> {
              Map<Key, Long> now = funnel.counters();
              if (now.hashCode() != printed[0]) {
                printed[0] = now.hashCode();
                out.println("-- " + Instant.now());
                print(funnel, options, out);
              }
            });
      }
      return 0;
    } catch (KafkaException e) {
      err.println(
          "[analytics] Kafka at " + options.bootstrapServers() + " failed: " + e.getMessage());
      return 1;
    } finally {
      if (funnel.unreadable() > 0) {
        err.println("[analytics] " + funnel.unreadable() + " unreadable records skipped");
      }
    }
  }

  /** Reads every funnel topic from its beginning to the end offsets seen at the start. */
  public static FunnelReport read(
      String bootstrapServers, LocalDate from, LocalDate to, PrintStream progress) {
    Funnel funnel = new Funnel();
    try (TopicReader reader = new TopicReader(bootstrapServers, funnel, progress)) {
      reader.catchUp();
    }
    return funnel.report(from, to);
  }

  static void print(Funnel funnel, Options options, PrintStream out) {
    FunnelReport report = funnel.report(options.from(), options.to(), options.source());
    if (options.format() == Options.Format.JSON) {
      out.println(JSON.writeValueAsString(report));
    } else {
      out.print(table(report.from(), report.to(), funnel.counters(), options.source()));
    }
    out.flush();
  }

  /**
   * One line per day, platform, source, step and detail; then the totals per step over the range
   * ({@code source} null: every source).
   */
  static String table(LocalDate from, LocalDate to, Map<Key, Long> counters, String source) {
    StringBuilder s = new StringBuilder();
    s.append("Passbridge upgrade funnel, UTC days ").append(from).append(" .. ").append(to);
    if (source != null) {
      s.append(", ").append(source).append(" logins only");
    }
    s.append('\n');
    String row = "%-10s  %-28s  %-7s  %-20s  %-24s  %8s%n";
    s.append(String.format(row, "day", "platform", "source", "step", "detail", "count"));
    Map<String, Long> totals = new TreeMap<>();
    counters.forEach(
        (key, count) -> {
          if (key.day().isBefore(from)
              || key.day().isAfter(to)
              || (source != null && !source.equals(key.source()))) {
            return;
          }
          String detail = key.detail() == null ? "" : key.detail();
          s.append(
              String.format(
                  row, key.day(), key.platform(), key.source(), key.step().code(), detail, count));
          totals.merge(
              key.step().ordinal() + "|" + key.step().code() + "|" + detail, count, Long::sum);
        });
    s.append(String.format(row, "total", "all platforms", "", "", "", ""));
    totals.forEach(
        (key, count) -> {
          String[] parts = key.split("\\|", -1);
          s.append(String.format(row, "", "", "", parts[1], parts[2], count));
        });
    return s.toString();
  }
}
