package dev.passbridge.reliability.support;

import dev.passbridge.journeysupport.EventCheck;
import dev.passbridge.journeysupport.Flow;
import dev.passbridge.journeysupport.Load;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a run, written by the tests themselves to {@code target/reliability-report.md}
 * after every change: faults injected and survived, inputs tried and 5xx answers seen, events lost
 * or duplicated, security checks, log lines scanned. The README's "Reliability and security" table
 * is copied from a green run of this file.
 */
public final class Report {
  private Report() {}

  private static final Path FILE = Path.of("target", "reliability-report.md");
  private static final Instant STARTED = Instant.now();

  public record Fault(
      String fault,
      String injection,
      int injected,
      long flows,
      long completed,
      long retryable,
      long unclear,
      String recovery) {}

  public record Inputs(String surface, long tried, long clientErrors, long serverErrors) {}

  public record Events(
      String scenario, long expected, long lost, long duplicated, long redelivered) {}

  private static final Map<String, Fault> FAULTS = new LinkedHashMap<>();
  private static final Map<String, Inputs> INPUTS = new LinkedHashMap<>();
  private static final Map<String, Events> EVENTS = new LinkedHashMap<>();
  private static final Map<String, String> SECURITY = new LinkedHashMap<>();
  private static final Map<String, String> MEASURED = new LinkedHashMap<>();

  public static synchronized void fault(Fault fault) {
    FAULTS.put(fault.fault(), fault);
    write();
  }

  /** A fault row from the flows that ran while it happened. */
  public static void fault(
      String fault, String how, int injected, List<Flow.Outcome> outcomes, String recovery) {
    fault(
        new Fault(
            fault,
            how,
            injected,
            outcomes.size(),
            Load.count(outcomes, Flow.Result.COMPLETED),
            Load.count(outcomes, Flow.Result.RETRYABLE),
            Load.count(outcomes, Flow.Result.UNCLEAR),
            recovery));
  }

  public static synchronized void inputs(
      String surface, long tried, long clientErrors, long serverErrors) {
    INPUTS.merge(
        surface,
        new Inputs(surface, tried, clientErrors, serverErrors),
        (a, b) ->
            new Inputs(
                surface,
                a.tried() + b.tried(),
                a.clientErrors() + b.clientErrors(),
                a.serverErrors() + b.serverErrors()));
    write();
  }

  public static synchronized void events(Events events) {
    EVENTS.put(events.scenario(), events);
    write();
  }

  /** An events row from an {@link EventCheck}'s summary. */
  public static void events(String scenario, EventCheck.Summary summary) {
    events(
        new Events(
            scenario,
            summary.expected(),
            summary.lost(),
            summary.duplicated(),
            summary.redelivered()));
  }

  public static synchronized void security(String check, String result) {
    SECURITY.put(check, result);
    write();
  }

  public static synchronized void measured(String what, String value) {
    MEASURED.put(what, value);
    write();
  }

  static synchronized void write() {
    StringBuilder md = new StringBuilder();
    md.append("# Passbridge reliability and security report\n\n");
    md.append("Written by `reliability-tests` (")
        .append(STARTED.truncatedTo(ChronoUnit.SECONDS))
        .append(" → ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores). Two instances of every service behind the gateway: one in the test JVM,")
        .append(" one a separate process started from the service's executable jar.\n\n");

    md.append("## Faults injected and survived\n\n");
    md.append(
        "| fault | how | injected | flows (or requests) during it | completed | ended with a retryable answer |"
            + " unclear failures | recovery |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    for (Fault f : FAULTS.values()) {
      md.append("| ")
          .append(f.fault())
          .append(" | ")
          .append(f.injection())
          .append(" | ")
          .append(f.injected())
          .append(" | ")
          .append(f.flows())
          .append(" | ")
          .append(f.completed())
          .append(" | ")
          .append(f.retryable())
          .append(" | ")
          .append(f.unclear())
          .append(" | ")
          .append(f.recovery())
          .append(" |\n");
    }

    md.append("\n## Hostile input: inputs tried and answers\n\n");
    md.append("| surface | inputs tried | 4xx answers | 5xx answers |\n|---|---|---|---|\n");
    long tried = 0;
    long client = 0;
    long server = 0;
    for (Inputs i : INPUTS.values()) {
      md.append("| ")
          .append(i.surface())
          .append(" | ")
          .append(i.tried())
          .append(" | ")
          .append(i.clientErrors())
          .append(" | ")
          .append(i.serverErrors())
          .append(" |\n");
      tried += i.tried();
      client += i.clientErrors();
      server += i.serverErrors();
    }
    md.append("| **total** | **")
        .append(tried)
        .append("** | **")
        .append(client)
        .append("** | **")
        .append(server)
        .append("** |\n");

    md.append("\n## Events lost or duplicated\n\n");
    md.append(
        "Read back from Kafka by a consumer that deduplicates by `eventId`. *Lost*: an acknowledged"
            + " step without its event. *Duplicated*: two different event ids for one fact (a"
            + " deduplicating consumer would count it twice). *Redelivered*: the same event id more"
            + " than once (at-least-once delivery, absorbed by deduplication).\n\n");
    md.append("| scenario | events expected | lost | duplicated | redelivered (same id) |\n");
    md.append("|---|---|---|---|---|\n");
    for (Events e : EVENTS.values()) {
      md.append("| ")
          .append(e.scenario())
          .append(" | ")
          .append(e.expected())
          .append(" | ")
          .append(e.lost())
          .append(" | ")
          .append(e.duplicated())
          .append(" | ")
          .append(e.redelivered())
          .append(" |\n");
    }

    md.append("\n## Security checks\n\n| check | result |\n|---|---|\n");
    SECURITY.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));

    md.append("\n## Measured\n\n| what | value |\n|---|---|\n");
    MEASURED.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, md.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
