package dev.passbridge.bench.report;

import dev.passbridge.bench.jmh.JmhRunner;
import dev.passbridge.bench.load.PhaseResult;
import dev.passbridge.bench.load.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the report: {@code benchmark-report.md} (targets first, then every phase), {@code
 * benchmark-report.svg} (throughput against the baselines, latency per step) and {@code
 * benchmark-results.json} (all numbers, for comparing runs).
 */
public final class ReportWriter {
  public static final String MARKDOWN = "benchmark-report.md";
  public static final String SVG = "benchmark-report.svg";
  public static final String JSON = "benchmark-results.json";

  private final Report report;
  private final StringBuilder md = new StringBuilder();

  public ReportWriter(Report report) {
    this.report = report;
  }

  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKDOWN), markdown());
    Files.writeString(dir.resolve(SVG), new SvgChart(report).render());
    Files.writeString(
        dir.resolve(JSON),
        JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build()
            .writeValueAsString(report));
  }

  String markdown() {
    Report.Environment e = report.environment;
    line("# Passbridge benchmark report");
    line("");
    line("Run %s, commit `%s`.", e.started(), e.commit());
    line("");
    line("| | |");
    line("|---|---|");
    line(
        "| machine | %s, %d cores, %.1f GB RAM, %s |",
        e.cpu(), e.cores(), e.memoryBytes() / 1e9, e.kernel());
    line("| JDK | %s |", e.jdk());
    for (Report.SystemRun s : report.systems) {
      line("| system JVM (%s) | %s |", s.name(), s.jvm());
    }
    line("| load generator JVM | %s |", e.generatorJvm().isBlank() ? "defaults" : e.generatorJvm());
    line("| load average at start (1/5/15 min) | %s |", e.loadAverages());
    line("");
    line(
        "Every number below was measured in this run; each target is compared with a baseline from");
    line(
        "the same run on the same cores. The machine may be shared: the load average (all processes)");
    line("and the CPU the system and the load generator used are given with every phase.");
    line("");
    line("![throughput and latency](%s)", SVG);
    line("");
    line("## Targets");
    line("");
    line("| target | goal | measured | same-run baseline | ratio | met |");
    line("|---|---|---|---|---|---|");
    for (Report.Target t : report.targets) {
      line(
          "| %s | %s | %s | %s | %s | %s |",
          t.name(),
          t.goal(),
          t.measured(),
          t.baseline(),
          t.ratio(),
          t.met() == null ? "(report)" : t.met() ? "**yes**" : "**no**");
    }
    line("");
    if (!report.notes.isEmpty()) {
      report.notes.forEach(n -> line("- %s", n));
      line("");
    }
    if (!report.baselines.isEmpty()) {
      line("## Baselines (JMH, same run, forked JVMs with the system's JVM flags)");
      line("");
      line(
          "Each bound is measured before the system starts and again right before and right after the phase it bounds (the system idle beside it, at the idle cost given below); a target is judged against the mean of the two adjacent measurements.");
      line("");
      line("| baseline | when | threads | throughput | error (99.9%%) | load average |");
      line("|---|---|---|---|---|---|");
      for (Report.Baseline b : report.baselines) {
        line(
            "| %s | %s | %d | %.1f %s | ± %.1f | %.1f |",
            b.title(),
            b.when(),
            b.result().threads(),
            b.result().score(),
            b.result().unit(),
            b.result().error(),
            b.loadAverage());
      }
      line("");
    }
    if (!report.micro.isEmpty()) {
      line("## Micro-benchmarks (JMH, one thread)");
      line("");
      line("| benchmark | parameters | time per call |");
      line("|---|---|---|");
      for (JmhRunner.Result r : report.micro) {
        line(
            "| %s | %s | %s ± %s %s |",
            r.benchmark(),
            r.params().isEmpty() ? "–" : r.params(),
            num(r.score()),
            num(r.error()),
            r.unit());
      }
      line("");
    }
    if (!report.warmStarts.isEmpty()) {
      line("## Start-up and JIT, without and with the AOT cache (interleaved starts)");
      line("");
      line(
          "Each start: the system in its own JVM with the benchmark's flags, a few accounts, then mixed load in 10 s slices until the JIT compiler threads use less than the settled threshold. The cache comes from a training run of the same system under the same load (`-XX:AOTCacheOutput`).");
      line("");
      line(
          "| round | variant | up in | JIT cores per 10 s slice | JIT settled after | CPU per journey per slice (ms) |");
      line("|---|---|---|---|---|---|");
      for (Report.WarmStart w : report.warmStarts) {
        line(
            "| %d | %s | %.1f s | %s | %s | %s |",
            w.round(),
            w.variant(),
            w.startSeconds(),
            String.join(", ", w.jitCores().stream().map(c -> "%.2f".formatted(c)).toList()),
            w.jitSettledSeconds() < 0
                ? "not within the limit"
                : "%.0f s".formatted(w.jitSettledSeconds()),
            String.join(
                ", ", w.cpuMillisPerJourney().stream().map(c -> "%.0f".formatted(c)).toList()));
      }
      line("");
    }
    for (Report.SystemRun s : report.systems) {
      system(s);
    }
    return md.toString();
  }

  private void system(Report.SystemRun s) {
    line("## System: %s", s.title());
    line("");
    line(
        "Started in %.1f s. %s:",
        s.startSeconds(),
        s.name().equals("keycloak-server")
            ? "Options given to `kc.sh start-dev`, and the parameters of a stored password hash"
            : "Properties given to every service");
    line("");
    line("```");
    s.properties().forEach((k, v) -> line("--%s=%s", k, v));
    line("```");
    line("");
    for (PhaseResult p : s.phases()) {
      phase(p);
      if (p.name().startsWith("upgrade")) {
        s.decisions().stream()
            .filter(d -> d.phase().equals(p.name()))
            .forEach(
                d -> {
                  Summary l = d.latency();
                  line(
                      "Decision latency (OtpVerified `occurredAt` → ceremony `createdAt`, the services' clocks): %d decisions, mean %.2f ms, p50 %.2f ms, p90 %.2f ms, p95 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%s.",
                      l.ok(),
                      l.mean(),
                      l.p50(),
                      l.p90(),
                      l.p95(),
                      l.p99(),
                      l.p999(),
                      l.max(),
                      d.unmatched() > 0 ? " (" + d.unmatched() + " without their event)" : "");
                  Summary i = d.intelligence();
                  if (i != null && i.ok() > 0) {
                    line("");
                    line(
                        "Of that, OtpVerified produced → decision made (`PasskeyEligible.occurredAt`, intelligence-service's clock): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, mean %.2f ms; the rest (the decision's Kafka hop, passkey-service's consumer, options and ceremony) ≈ %.2f ms of the %.2f ms mean.",
                        i.p50(), i.p95(), i.p99(), i.mean(), l.mean() - i.mean(), l.mean());
                  }
                  line("");
                });
      }
    }
    if (!s.gateway().isEmpty()) {
      line("### Gateway overhead");
      line("");
      line(
          "Same request straight to the service and through the gateway: peak throughput (closed loop), then latency at a fixed rate (open loop, a quarter of the lower peak: the added latency of a gateway that is not saturated).");
      line("");
      line(
          "| endpoint | peak direct | peak via gateway | change | rate | p50 direct | p50 gateway | p99 direct | p99 gateway | added p50 | added p99 |");
      line("|---|---|---|---|---|---|---|---|---|---|---|");
      for (Report.GatewayRow g : s.gateway()) {
        Summary dMax = first(g.directMax());
        Summary gMax = first(g.gatewayMax());
        Summary dl = first(g.directLatency());
        Summary gl = first(g.gatewayLatency());
        line(
            "| %s | %.0f/s | %.0f/s | %+.0f%% | %.0f/s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %+.2f ms | %+.2f ms |",
            g.endpoint(),
            dMax.perSecond(),
            gMax.perSecond(),
            (gMax.perSecond() / dMax.perSecond() - 1) * 100,
            g.rate(),
            dl.p50(),
            gl.p50(),
            dl.p99(),
            gl.p99(),
            gl.p50() - dl.p50(),
            gl.p99() - dl.p99());
      }
      line("");
      for (Report.GatewayRow g : s.gateway()) {
        for (PhaseResult p :
            new PhaseResult[] {
              g.directMax(), g.gatewayMax(), g.directLatency(), g.gatewayLatency()
            }) {
          resources(p);
        }
      }
      line("");
    }
    if (s.memory() != null) {
      Report.Memory m = s.memory();
      line("### Memory");
      line("");
      line(
          "RSS of the whole launcher JVM (sampled every second): max %s, mean %s during `%s`.",
          mb(m.rssMaxBytes()), mb(m.rssMeanBytes()), m.rssPhase());
      line("");
      line(
          "Live heap after a full GC, per service: the heap freed when the service's context is stopped (reverse start order), right after the load (load average %.1f).",
          m.loadAverage());
      line("");
      line("| part | live heap |");
      line("|---|---|");
      m.heapPerService().forEach((k, v) -> line("| %s | %s |", k, mb(v)));
      line("");
      if (!m.parts().isEmpty()) {
        line(
            "The JVM's memory by part right after the load (the JDK's Native Memory Tracking, committed; RSS minus all of it is what native libraries and the C allocator hold beyond the JVM's own accounting):");
        line("");
        line("| part | committed |");
        line("|---|---|");
        m.parts().forEach((k, v) -> line("| %s | %s |", k, mb(v)));
        line("");
      }
    }
    for (JfrSummary.Profile p : s.profiles()) {
      line(
          "### JFR profile: %s (%d samples over %.0f s, %d GCs, %.0f ms paused)",
          p.phase(), p.samples(), p.seconds(), p.gcCount(), p.gcPauseMillis());
      line("");
      line("Known hot pieces (share of all samples whose stack holds them):");
      line("");
      rows(p.markers());
      line("CPU samples by thread group:");
      line("");
      rows(p.threads());
      line("Hottest methods (self):");
      line("");
      rows(p.selfMethods());
      line("Allocation by class (sampled weight):");
      line("");
      rows(p.allocations().subList(0, Math.min(10, p.allocations().size())));
    }
  }

  private void rows(java.util.List<JfrSummary.Row> rows) {
    line("| share | samples | |");
    line("|---|---|---|");
    rows.forEach(r -> line("| %.1f%% | %d | `%s` |", r.percent(), r.count(), r.name()));
    line("");
  }

  private static Summary first(PhaseResult p) {
    return p.flows().values().iterator().next();
  }

  private void phase(PhaseResult p) {
    line("### %s", p.title());
    line("");
    line("`%s`: %s, %.0f s.", p.name(), p.mode(), p.seconds());
    line("");
    line("| step | ok | failed | per second | mean | p50 | p90 | p95 | p99 | p99.9 | max |");
    line("|---|---|---|---|---|---|---|---|---|---|---|");
    for (Summary f : p.flows().values()) {
      summaryRow("**journey: " + f.name() + "**", f);
    }
    for (Summary s : p.steps().values()) {
      if (s.ok() + s.failed() > 0) {
        summaryRow(s.name(), s);
      }
    }
    line("");
    resources(p);
    line("");
    for (Summary s : p.flows().values()) {
      failures(s);
    }
    for (Summary s : p.steps().values()) {
      failures(s);
    }
  }

  private void resources(PhaseResult p) {
    PhaseResult.Resources r = p.resources();
    if (r.systemCores() < 0) {
      line("`%s`: load average %.1f → %.1f.", p.name(), r.loadAverageStart(), r.loadAverageEnd());
      return;
    }
    line(
        "`%s`: load average %.1f → %.1f; CPU: system %.2f cores (%s per journey), load generator %.2f cores, whole machine %.2f cores busy; system RSS max %s, mean %s.",
        p.name(),
        r.loadAverageStart(),
        r.loadAverageEnd(),
        r.systemCores(),
        p.systemCpuMillisPerJourney() < 0 ? "–" : ms(p.systemCpuMillisPerJourney()),
        r.generatorCores(),
        r.machineCores(),
        mb(r.rssMaxBytes()),
        mb(r.rssMeanBytes()));
    if (!p.threadBreakdown().isEmpty()) {
      line("");
      line(
          "System CPU by thread group, %s; load generator %s per journey.",
          p.threadBreakdown(),
          p.generatorCpuMillisPerJourney() < 0 ? "–" : ms(p.generatorCpuMillisPerJourney()));
    }
  }

  private void failures(Summary s) {
    if (s.failed() == 0) {
      return;
    }
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Long> e : s.failures().entrySet()) {
      b.append(b.isEmpty() ? "" : ", ").append(e.getKey()).append(" × ").append(e.getValue());
    }
    line("- failures of `%s`: %s", s.name(), b);
  }

  private void summaryRow(String name, Summary s) {
    line(
        "| %s | %d | %d | %.1f | %s | %s | %s | %s | %s | %s | %s |",
        name,
        s.ok(),
        s.failed(),
        s.perSecond(),
        ms(s.mean()),
        ms(s.p50()),
        ms(s.p90()),
        ms(s.p95()),
        ms(s.p99()),
        ms(s.p999()),
        ms(s.max()));
  }

  static String ms(double v) {
    return v >= 100
        ? "%.0f ms".formatted(v)
        : v >= 10 ? "%.1f ms".formatted(v) : "%.2f ms".formatted(v);
  }

  static String num(double v) {
    return v >= 100 ? "%.0f".formatted(v) : v >= 10 ? "%.1f".formatted(v) : "%.2f".formatted(v);
  }

  static String mb(long bytes) {
    return bytes < 0 ? "–" : "%.0f MB".formatted(bytes / (1024.0 * 1024));
  }

  private void line(String format, Object... args) {
    md.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
