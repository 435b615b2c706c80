package dev.passbridge.bench.report;

import dev.passbridge.bench.load.PhaseResult;
import dev.passbridge.bench.load.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's chart, plain SVG: (1) throughput of each journey beside its same-run baseline (bar
 * lengths relative to the baseline, the target as a dashed line); (2) latency per step (p50, p95,
 * p99 on a log scale), with the gateway's direct baseline and the decision-latency targets.
 */
final class SvgChart {
  private static final int WIDTH = 1000;
  private static final int LABEL = 330;
  private static final int PLOT = 560;
  private static final String BASE = "#b8c0cc";
  private static final String MEASURED = "#2f6fdf";
  private static final String P50 = "#1b4f9c";
  private static final String P95 = "#5b8fe0";
  private static final String P99 = "#a9c4f0";

  private final Report report;
  private final StringBuilder svg = new StringBuilder();
  private int y;

  SvgChart(Report report) {
    this.report = report;
  }

  private record Bar(String label, double measured, double baseline, double goal, String text) {}

  private record LatencyRow(String label, double p50, double p95, double p99, boolean baseline) {}

  String render() {
    List<Bar> bars = bars();
    List<LatencyRow> rows = latencyRows();
    int height = 90 + bars.size() * 46 + 110 + rows.size() * 20 + 60;
    y = 30;
    text(
        20,
        y,
        "Passbridge benchmark — "
            + report.environment.started()
            + ", "
            + report.environment.cores()
            + " cores, "
            + report.environment.jdk(),
        15,
        "bold");
    y += 30;
    text(
        20,
        y,
        "Throughput against the same-run baseline (bar = share of the baseline; dashed = target)",
        13,
        "bold");
    y += 14;
    for (Bar b : bars) {
      double ratio = b.baseline() > 0 ? b.measured() / b.baseline() : 0;
      text(20, y + 15, b.label(), 12, "normal");
      rect(LABEL, y + 2, PLOT, 14, BASE);
      rect(LABEL, y + 2, (int) Math.min(PLOT * 1.15, PLOT * ratio), 14, MEASURED);
      if (b.goal() > 0) {
        int x = LABEL + (int) (PLOT * b.goal());
        svg.append(
            "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#d33' stroke-width='2' stroke-dasharray='4,3'/>\n"
                .formatted(x, y - 2, x, y + 20));
      }
      text(LABEL, y + 32, b.text(), 11, "normal");
      y += 46;
    }
    y += 20;
    text(20, y, "Latency per step, ms (log scale): p50 / p95 / p99", 13, "bold");
    legend(LABEL + 300, y - 10);
    y += 14;
    double min = 0.1;
    double max = 10_000;
    axis(min, max);
    for (LatencyRow r : rows) {
      if (r.label().startsWith("#")) {
        text(20, y + 13, r.label().substring(1), 12, "bold");
        y += 20;
        continue;
      }
      text(30, y + 12, r.label(), 11, r.baseline() ? "italic" : "normal");
      int x99 = scale(r.p99(), min, max);
      int x95 = scale(r.p95(), min, max);
      int x50 = scale(r.p50(), min, max);
      rect(LABEL, y + 3, x99, 11, r.baseline() ? "#d9dde3" : P99);
      rect(LABEL, y + 3, x95, 11, r.baseline() ? "#c3c9d2" : P95);
      rect(LABEL, y + 3, x50, 11, r.baseline() ? BASE : P50);
      text(
          LABEL + x99 + 6,
          y + 12,
          "%s / %s / %s".formatted(fmt(r.p50()), fmt(r.p95()), fmt(r.p99())),
          10,
          "normal");
      y += 20;
    }
    return "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d' font-family='Helvetica, Arial, sans-serif'>\n<rect width='100%%' height='100%%' fill='white'/>\n"
            .formatted(WIDTH, Math.max(height, y + 30), WIDTH, Math.max(height, y + 30))
        + svg
        + "</svg>\n";
  }

  private List<Bar> bars() {
    List<Bar> bars = new ArrayList<>();
    Report.SystemRun owasp = report.system("owasp");
    Report.SystemRun keycloak = report.system("keycloak-params");
    bar(
        bars,
        "Password logins (OWASP m=19 MiB t=2)",
        owasp,
        "password-peak",
        "password",
        report.baseline("argon2-owasp"),
        0.8,
        "Argon2id bound");
    bar(
        bars,
        "Password logins (Keycloak m=7 MiB t=5)",
        keycloak,
        "password-peak",
        "password",
        report.baseline("argon2-keycloak"),
        0.8,
        "Argon2id bound");
    bar(
        bars,
        "Upgrade journeys (1 Argon2id each)",
        owasp,
        "upgrade-peak",
        "upgrade",
        report.baseline("argon2-owasp"),
        0,
        "Argon2id bound");
    bar(
        bars,
        "Passkey logins",
        owasp,
        "passkey-peak",
        "passkey",
        report.baseline("es256"),
        0.5,
        "raw ES256 bound");
    if (owasp != null) {
      for (Report.GatewayRow g : owasp.gateway()) {
        double d = g.directMax().flows().values().iterator().next().perSecond();
        double gw = g.gatewayMax().flows().values().iterator().next().perSecond();
        bars.add(
            new Bar(
                "Gateway: " + g.endpoint() + " (vs direct)",
                gw,
                d,
                0,
                "%.0f/s through the gateway vs %.0f/s direct (%.0f%%)"
                    .formatted(gw, d, d > 0 ? 100 * gw / d : 0)));
      }
    }
    return bars;
  }

  private static void bar(
      List<Bar> bars,
      String label,
      Report.SystemRun s,
      String phase,
      String flow,
      Report.Baseline base,
      double goal,
      String baseName) {
    if (s == null || s.phase(phase) == null || base == null) {
      return;
    }
    double m = s.phase(phase).flow(flow).perSecond();
    double b = base.result().score();
    bars.add(
        new Bar(
            label,
            m,
            b,
            goal,
            "%.1f/s vs %s %.1f/s (%.0f%%)%s"
                .formatted(
                    m,
                    baseName,
                    b,
                    100 * m / b,
                    goal > 0 ? ", target %.0f%%".formatted(goal * 100) : "")));
  }

  private List<LatencyRow> latencyRows() {
    List<LatencyRow> rows = new ArrayList<>();
    Report.SystemRun owasp = report.system("owasp");
    if (owasp == null) {
      return rows;
    }
    for (String phase : List.of("password-peak", "upgrade-peak", "upgrade-half", "passkey-peak")) {
      PhaseResult p = owasp.phase(phase);
      if (p == null) {
        continue;
      }
      rows.add(new LatencyRow("#" + p.title(), 0, 0, 0, false));
      for (Summary f : p.flows().values()) {
        rows.add(new LatencyRow("whole journey", f.p50(), f.p95(), f.p99(), false));
      }
      for (Summary s : p.steps().values()) {
        if (s.ok() > 0) {
          rows.add(
              new LatencyRow(
                  s.name().substring(s.name().indexOf('.') + 1), s.p50(), s.p95(), s.p99(), false));
        }
      }
      owasp.decisions().stream()
          .filter(d -> d.phase().equals(phase))
          .forEach(
              d -> {
                rows.add(
                    new LatencyRow(
                        "decision latency",
                        d.latency().p50(),
                        d.latency().p95(),
                        d.latency().p99(),
                        false));
                rows.add(new LatencyRow("target (p50 5 ms, p99 25 ms)", 5, 5, 25, true));
              });
    }
    if (!owasp.gateway().isEmpty()) {
      rows.add(
          new LatencyRow(
              "#Gateway overhead at a fixed rate (grey: direct to the service)", 0, 0, 0, false));
      for (Report.GatewayRow g : owasp.gateway()) {
        Summary d = g.directLatency().flows().values().iterator().next();
        Summary gw = g.gatewayLatency().flows().values().iterator().next();
        rows.add(new LatencyRow(g.endpoint() + " direct", d.p50(), d.p95(), d.p99(), true));
        rows.add(
            new LatencyRow(g.endpoint() + " via gateway", gw.p50(), gw.p95(), gw.p99(), false));
      }
    }
    return rows;
  }

  private void axis(double min, double max) {
    for (double v = min; v <= max; v *= 10) {
      int x = LABEL + scale(v, min, max);
      svg.append(
          "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#eee'/>\n"
              .formatted(x, y, x, y + latencyRowsHeight()));
      text(x - 8, y, fmt(v), 9, "normal");
    }
    y += 6;
  }

  private int latencyRowsHeight() {
    return latencyRows().size() * 20 + 10;
  }

  private static int scale(double v, double min, double max) {
    if (v <= min) {
      return 1;
    }
    double f = Math.log10(v / min) / Math.log10(max / min);
    return (int) Math.max(1, Math.min(PLOT, PLOT * f));
  }

  private void legend(int x, int yy) {
    rect(x, yy, 12, 10, P50);
    text(x + 16, yy + 9, "p50", 10, "normal");
    rect(x + 50, yy, 12, 10, P95);
    text(x + 66, yy + 9, "p95", 10, "normal");
    rect(x + 100, yy, 12, 10, P99);
    text(x + 116, yy + 9, "p99", 10, "normal");
    rect(x + 150, yy, 12, 10, BASE);
    text(x + 166, yy + 9, "baseline / target", 10, "normal");
  }

  private static String fmt(double v) {
    return v >= 100
        ? String.format(Locale.ROOT, "%.0f", v)
        : v >= 1 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  private void rect(int x, int yy, int w, int h, String color) {
    svg.append(
        "<rect x='%d' y='%d' width='%d' height='%d' fill='%s'/>\n"
            .formatted(x, yy, Math.max(0, w), h, color));
  }

  private void text(int x, int yy, String s, int size, String style) {
    String weight = style.equals("bold") ? " font-weight='bold'" : "";
    String italic = style.equals("italic") ? " font-style='italic'" : "";
    svg.append(
        "<text x='%d' y='%d' font-size='%d'%s%s>%s</text>\n"
            .formatted(x, yy, size, weight, italic, escape(s)));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
  }
}
