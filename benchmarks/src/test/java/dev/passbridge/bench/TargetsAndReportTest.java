package dev.passbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.bench.jmh.JmhRunner;
import dev.passbridge.bench.load.PhaseResult;
import dev.passbridge.bench.load.Summary;
import dev.passbridge.bench.report.Report;
import dev.passbridge.bench.report.ReportWriter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsAndReportTest {

  static Summary summary(
      String name, long ok, long failed, double perSecond, double p50, double p99) {
    return new Summary(
        name,
        ok,
        failed,
        failed == 0 ? Map.of() : Map.of("x 503", failed),
        perSecond,
        p50,
        p50,
        p50 * 1.5,
        p99 * 0.9,
        p99,
        p99,
        p99 * 1.2);
  }

  static PhaseResult phase(String name, String flow, double perSecond, long failed) {
    Summary f = summary(flow, (long) (perSecond * 60), failed, perSecond, 100, 300);
    return new PhaseResult(
        name,
        "title of " + name,
        "closed loop, 16 virtual users",
        60,
        Map.of(flow, f),
        Map.of(flow + ".login", summary(flow + ".login", f.ok(), 0, perSecond, 50, 150)),
        new PhaseResult.Resources(1.0, 1.2, 1.8, 0.1, 1.95, 900L << 20, 880L << 20));
  }

  static Report.Baseline baseline(String key, double score) {
    return new Report.Baseline(
        key,
        key,
        "before the system started",
        new JmhRunner.Result("B.verify", "", 2, "thrpt", score, 1, "ops/s"),
        0.5);
  }

  static Report report(double passwordRate, long passwordFailures, double decisionP99) {
    Report r = new Report();
    r.environment =
        new Report.Environment(
            "2026-01-01T00:00:00Z",
            "abc123",
            "CPU",
            2,
            8L << 30,
            "Linux",
            "JDK 25",
            "",
            "0.1 0.2 0.3");
    r.baselines.add(baseline("argon2-owasp", 50));
    r.baselines.add(baseline("argon2-keycloak", 100));
    r.baselines.add(baseline("es256", 4000));
    LinkedHashMap<String, Long> heap = new LinkedHashMap<>();
    heap.put("total", 300L << 20);
    heap.put("gateway", 10L << 20);
    heap.put("auth-service", 120L << 20);
    heap.put("rest (Kafka broker, shared classes' statics, JVM)", 170L << 20);
    Summary directOptions = summary("direct.login-options", 1000, 0, 1000, 1.0, 5.0);
    Summary gatewayOptions = summary("gateway.login-options", 600, 0, 600, 2.5, 9.0);
    PhaseResult d =
        new PhaseResult(
            "direct-max",
            "t",
            "m",
            10,
            Map.of("direct.login-options", directOptions),
            Map.of(),
            new PhaseResult.Resources(1, 1, 1, 1, 1, 1, 1));
    PhaseResult g =
        new PhaseResult(
            "gateway-max",
            "t",
            "m",
            10,
            Map.of("gateway.login-options", gatewayOptions),
            Map.of(),
            new PhaseResult.Resources(1, 1, 1, 1, 1, 1, 1));
    r.systems.add(
        new Report.SystemRun(
            "owasp",
            "Default",
            "JVM",
            Map.of("a", "b"),
            List.of(
                phase("password-peak", "password", passwordRate, passwordFailures),
                phase("upgrade-peak", "upgrade", 30, 0),
                phase("upgrade-half", "upgrade", 15, 0),
                phase("passkey-peak", "passkey", 2100, 0)),
            List.of(
                new Report.Decision(
                    "upgrade-half",
                    summary("decision latency", 900, 0, 0, 3.2, decisionP99),
                    0,
                    1.0,
                    summary("intelligence", 900, 0, 0, 1.5, 9.0))),
            List.of(new Report.GatewayRow("login-options", d, g, 300, d, g)),
            List.of(),
            new Report.Memory(
                1200L << 20,
                1100L << 20,
                "passkey-peak",
                heap,
                0.7,
                12L << 20,
                java.util.Map.of("Java Heap", 640L << 20, "RSS", 1150L << 20)),
            20));
    r.systems.add(
        new Report.SystemRun(
            "keycloak-params",
            "Keycloak",
            "JVM",
            Map.of(),
            List.of(phase("password-peak", "password", 70, 0)),
            List.of(),
            List.of(),
            List.of(),
            null,
            20));
    Targets.evaluate(r);
    return r;
  }

  static Report.Target target(Report r, String prefix) {
    return r.targets.stream().filter(t -> t.name().startsWith(prefix)).findFirst().orElseThrow();
  }

  @Test
  void throughputTargetsAreRatiosOfTheSameRunBaseline() {
    Report r = report(42, 0, 20);
    assertThat(target(r, "Password logins, OWASP").ratio()).isEqualTo("84%");
    assertThat(target(r, "Password logins, OWASP").met()).isTrue();
    assertThat(target(r, "Password logins, Keycloak").ratio()).isEqualTo("70%");
    assertThat(target(r, "Password logins, Keycloak").met()).isFalse();
    assertThat(target(r, "Passkey logins").ratio()).isEqualTo("53%");
    assertThat(target(r, "Passkey logins").met()).isTrue();
    assertThat(target(r, "Upgrade journey").met()).isNull();
  }

  @Test
  void theBaselinesRightBeforeAndAfterAPhaseAreAveragedAndPreferred() {
    Report r = report(42, 0, 20);
    r.baselines.removeIf(b -> b.key().equals("argon2-owasp"));
    r.baselines.add(baseline("argon2-owasp", 100)); // before the system started: not used
    JmhRunner.Result before = new JmhRunner.Result("B.verify", "", 2, "thrpt", 45, 1, "ops/s");
    JmhRunner.Result after = new JmhRunner.Result("B.verify", "", 2, "thrpt", 55, 1, "ops/s");
    r.baselines.add(
        new Report.Baseline("argon2-owasp", "t", "right before password-peak", before, 1));
    r.baselines.add(
        new Report.Baseline("argon2-owasp", "t", "right after password-peak", after, 2));
    Targets.evaluate(r);

    assertThat(r.baseline("argon2-owasp").result().score()).isEqualTo(50.0);
    assertThat(r.baseline("argon2-owasp").result().error()).isEqualTo(5.0);
    assertThat(target(r, "Password logins, OWASP").ratio()).isEqualTo("84%");
  }

  @Test
  void failedJourneysSpoilAThroughputTarget() {
    Report r = report(45, 50, 20);
    assertThat(target(r, "Password logins, OWASP").met()).isFalse();
    assertThat(target(r, "Password logins, OWASP").measured()).contains("50 failed");
  }

  @Test
  void decisionLatencyNeedsBothPercentiles() {
    assertThat(target(report(42, 0, 20), "Decision latency").met()).isTrue();
    assertThat(target(report(42, 0, 26), "Decision latency").met()).isFalse();
  }

  @Test
  void gatewayAndMemoryAreReported() {
    Report r = report(42, 0, 20);
    assertThat(target(r, "Gateway overhead").measured())
        .contains("+1.50 ms p50", "+4.00 ms p99", "-40%");
    assertThat(target(r, "Memory").measured())
        .contains("JVM RSS max 1200 MB", "auth 120 MB", "by part Java Heap 640 MB")
        .doesNotContain("RSS 1150");
    assertThat(target(r, "Memory").met()).isTrue();
  }

  @Test
  void theHashBoundIsTheFasterOfTheOwnHasherAndBouncyCastle() {
    Report r = report(42, 0, 20);
    r.baselines.add(baseline("argon2-owasp-bc", 60));
    Targets.evaluate(r);
    assertThat(target(r, "Password logins, OWASP parameters (m").ratio()).isEqualTo("70%");
    assertThat(target(r, "Password logins, OWASP parameters (m").baseline())
        .contains("60.0", "Bouncy Castle");
    assertThat(target(r, "Password logins, OWASP parameters (m").met()).isFalse();
  }

  static Report.SystemRun keycloakServer(double perSecond, long failed) {
    return new Report.SystemRun(
        "keycloak-server",
        "Keycloak 26.7.3 itself (kc.sh start-dev)",
        "JVM",
        Map.of(),
        List.of(phase("password-peak", "keycloak", perSecond, failed)),
        List.of(),
        List.of(),
        List.of(),
        null,
        60);
  }

  @Test
  void passbridgeAtKeycloaksParametersIsComparedWithKeycloakItself() {
    Report r = report(42, 0, 20);
    r.systems.add(keycloakServer(50, 0));
    Targets.evaluate(r);
    Report.Target t = target(r, "Password logins at Keycloak's parameters against Keycloak 26.7.3");
    assertThat(t.ratio()).isEqualTo("1.40 ×");
    assertThat(t.met()).isTrue();
    assertThat(t.measured()).contains("70.0/s", "ms CPU per login", "RSS max 900 MB");
    assertThat(t.baseline()).startsWith("Keycloak 50.0/s");

    r.systems.removeIf(s -> s.name().equals("keycloak-server"));
    r.systems.add(keycloakServer(60, 0));
    Targets.evaluate(r);
    assertThat(target(r, "Password logins at Keycloak's parameters against").met()).isFalse();
  }

  @Test
  void startUpAndJitTargetsAreJudgedOnTheStartsWithTheCache() {
    Report r = report(42, 0, 20);
    r.warmStarts.add(new Report.WarmStart("no cache", 1, 40, -1, List.of(0.9, 0.5), List.of()));
    r.warmStarts.add(new Report.WarmStart("AOT cache", 1, 12, 50, List.of(0.4, 0.1), List.of()));
    Targets.evaluate(r);
    assertThat(target(r, "System up").met()).isTrue();
    assertThat(target(r, "System up").ratio()).isEqualTo("0.30 ×");
    assertThat(target(r, "JIT compiler threads").met()).isTrue();
    assertThat(target(r, "JIT compiler threads").baseline()).contains("not within 20 s");

    r.warmStarts.add(new Report.WarmStart("AOT cache", 2, 16, -1, List.of(0.4), List.of()));
    Targets.evaluate(r);
    assertThat(target(r, "System up").met()).isFalse();
    assertThat(target(r, "JIT compiler threads").met()).isFalse();
  }

  @Test
  void writesMarkdownSvgAndJson(@TempDir Path dir) throws Exception {
    new ReportWriter(report(42, 0, 20)).write(dir);
    String md = Files.readString(dir.resolve(ReportWriter.MARKDOWN));
    assertThat(md)
        .contains(
            "| Password logins, OWASP parameters (m=19 MiB t=2 p=1) | ≥ 80% of the bound | 42.0/s")
        .contains("| 84% | **yes** |")
        .contains("![throughput and latency](benchmark-report.svg)")
        .contains("| **journey: password** |")
        .contains("### Gateway overhead", "### Memory", "| Java Heap | 640 MB |");
    String svg = Files.readString(dir.resolve(ReportWriter.SVG));
    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(svg)
        .contains("Password logins (OWASP", "decision latency", "login-options via gateway");
    assertThat(Files.readString(dir.resolve(ReportWriter.JSON)))
        .contains("\"argon2-owasp\"", "\"password-peak\"");
  }
}
