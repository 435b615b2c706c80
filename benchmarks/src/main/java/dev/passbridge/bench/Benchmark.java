package dev.passbridge.bench;

import dev.passbridge.bench.jmh.Argon2VerifyBenchmark;
import dev.passbridge.bench.jmh.Es256VerifyBenchmark;
import dev.passbridge.bench.jmh.EventSerdeBenchmark;
import dev.passbridge.bench.jmh.JmhRunner;
import dev.passbridge.bench.jmh.WebAuthnVerifyBenchmark;
import dev.passbridge.bench.keycloak.KeycloakServer;
import dev.passbridge.bench.load.BenchUser;
import dev.passbridge.bench.load.Journeys;
import dev.passbridge.bench.load.LoadRunner;
import dev.passbridge.bench.load.Phase;
import dev.passbridge.bench.load.PhaseResult;
import dev.passbridge.bench.load.PhaseStats;
import dev.passbridge.bench.load.Scenario;
import dev.passbridge.bench.load.SlicedPhase;
import dev.passbridge.bench.load.Summary;
import dev.passbridge.bench.load.UserPool;
import dev.passbridge.bench.load.VirtualUser;
import dev.passbridge.bench.probe.DecisionLatencyProbe;
import dev.passbridge.bench.probe.ProcStats;
import dev.passbridge.bench.probe.ThreadCpu;
import dev.passbridge.bench.report.JfrSummary;
import dev.passbridge.bench.report.Report;
import dev.passbridge.bench.report.ReportWriter;
import dev.passbridge.bench.sut.AotClassPath;
import dev.passbridge.bench.sut.ForkedSystem;
import dev.passbridge.bench.sut.InProcessSystem;
import dev.passbridge.bench.sut.SystemUnderTest;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole benchmark: same-run baselines (JMH, on as many threads as cores), then the system
 * started by the launcher in its own JVM with the full JIT, accounts registered, a mixed warm-up,
 * and one phase per target (password logins, the upgrade journey, decision latency at half of the
 * upgrade peak, passkey logins, the gateway against direct calls, memory), then once more with
 * Keycloak's Argon2 parameters. Writes {@code benchmark-report.md}, {@code benchmark-report.svg}
 * and {@code benchmark-results.json} to the output directory.
 *
 * <p>Run it with {@code ./mvnw -B -pl benchmarks -am -Pbenchmark -DskipTests verify} (README,
 * Benchmarks); arguments are described in {@link BenchmarkSettings}.
 */
public final class Benchmark {
  /** Keycloak 26's Argon2id parameters (m=7 MiB, t=5, p=1): one of OWASP's equivalent choices. */
  static final int KEYCLOAK_MEMORY_KIB = 7168;

  static final int KEYCLOAK_ITERATIONS = 5;

  /** Keycloak is started this often and the target judged against its faster start. */
  static final int KEYCLOAK_STARTS = 2;

  private final BenchmarkSettings settings;
  private final PrintStream out;
  private final Report report = new Report();
  private final AtomicLong seeds = new AtomicLong(42);
  private final String runId = Long.toString(System.currentTimeMillis() % 10_000_000L, 36);

  /** The AOT cache made by the {@code aot} phase and the class path it belongs to, or null. */
  private Path aotCache;

  private String aotClassPath;

  public Benchmark(BenchmarkSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    java.util.Locale.setDefault(java.util.Locale.ROOT);
    quietLogs();
    BenchmarkSettings settings = BenchmarkSettings.parse(args);
    Report report = new Benchmark(settings, System.out).run();
    System.out.println();
    report.targets.forEach(
        t ->
            System.out.printf(
                "%-58s %-22s measured %-28s baseline %-26s %s%n",
                t.name(),
                t.goal(),
                t.measured(),
                t.baseline(),
                t.met() == null ? "" : t.met() ? "MET" : "NOT MET"));
    System.out.println(
        "\nReport: " + settings.out().resolve("benchmark-report.md").toAbsolutePath());
    System.exit(0);
  }

  /** The Kafka and Redis clients of the probes would print their configuration at INFO. */
  static void quietLogs() {
    if (org.slf4j.LoggerFactory.getILoggerFactory()
        instanceof ch.qos.logback.classic.LoggerContext logback) {
      logback
          .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
          .setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  public Report run() throws Exception {
    Files.createDirectories(settings.out());
    Journeys.smsPollMillis(settings.smsPollMillis());
    report.environment = environment();
    out.println(
        "Passbridge benchmark: "
            + report.environment.cpu()
            + ", "
            + report.environment.cores()
            + " cores, load "
            + report.environment.loadAverages()
            + ", "
            + report.environment.jdk());
    if (settings.runs("jmh")) {
      baselines();
    }
    if (settings.runs("aot")) {
      startupComparison();
    }
    if (settings.phases().stream()
        .anyMatch(
            p ->
                List.of("password", "upgrade", "decision", "passkey", "gateway", "memory", "mixed")
                    .contains(p))) {
      report.systems.add(owaspSystem());
    }
    if (settings.runs("keycloak")) {
      keycloakComparison();
    }
    Targets.evaluate(report);
    new ReportWriter(report).write(settings.out());
    return report;
  }

  // ---------------------------------------------------------------- baselines

  /** The micro-benchmarks, and a first measurement of every baseline before the system starts. */
  private void baselines() throws Exception {
    JmhRunner jmh =
        new JmhRunner(settings.systemJvm(), settings.out().resolve("jmh"), settings.quickJmh());
    out.println(
        "\n== Baselines with no system running (JMH, forked JVMs with the system's flags, "
            + cores()
            + " threads)");
    argon2Baseline("argon2-owasp", 19456, 2, "before the system started");
    if (settings.runs("keycloak")) {
      argon2Baseline(
          "argon2-keycloak", KEYCLOAK_MEMORY_KIB, KEYCLOAK_ITERATIONS, "before the system started");
    }
    es256Baseline("before the system started");
    out.println("\n== Micro-benchmarks (JMH, one thread, average time)");
    micro(
        () ->
            jmh.averageTime(
                Argon2VerifyBenchmark.class,
                "verify",
                Map.of("memoryKib", "19456", "iterations", "2")));
    micro(
        () ->
            jmh.averageTime(
                Argon2VerifyBenchmark.class,
                "verifyBouncyCastle",
                Map.of("memoryKib", "19456", "iterations", "2")));
    micro(() -> jmh.averageTime(WebAuthnVerifyBenchmark.class, "registrationVerify", Map.of()));
    micro(() -> jmh.averageTime(WebAuthnVerifyBenchmark.class, "assertionVerify", Map.of()));
    micro(() -> jmh.averageTime(EventSerdeBenchmark.class, "serialize", Map.of()));
    micro(() -> jmh.averageTime(EventSerdeBenchmark.class, "deserialize", Map.of()));
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Shorter JMH runs for the baselines measured right before and after their phase. */
  private JmhRunner baselineRunner() {
    return settings.quickJmh()
        ? new JmhRunner(settings.systemJvm(), settings.out().resolve("jmh"), true)
        : new JmhRunner(settings.systemJvm(), settings.out().resolve("jmh"), 2, 2, 4, 3);
  }

  private void argon2Baseline(String key, int memoryKib, int iterations, String when)
      throws Exception {
    boolean reference = key.endsWith("-bc");
    baseline(
        key,
        (reference
                ? "Argon2id verify, m=%d KiB t=%d p=1 (Bouncy Castle through Spring Security: the library Keycloak hashes with, and auth-service's hasher before 2026-11-26), %d threads"
                : "Argon2id verify, m=%d KiB t=%d p=1 (auth-service's hasher), %d threads")
            .formatted(memoryKib, iterations, cores()),
        when,
        () ->
            baselineRunner()
                .throughput(
                    Argon2VerifyBenchmark.class,
                    reference ? "verifyBouncyCastle" : "verify",
                    Map.of("memoryKib", "" + memoryKib, "iterations", "" + iterations),
                    cores()));
  }

  private void es256Baseline(String when) throws Exception {
    baseline(
        "es256",
        "raw ES256 signature verify (JDK SunEC), %d threads".formatted(cores()),
        when,
        () -> baselineRunner().throughput(Es256VerifyBenchmark.class, "verify", Map.of(), cores()));
  }

  /** A baseline right before or after the phase it is the bound of, the system idle beside it. */
  private void adjacentBaseline(String key, String when) throws Exception {
    if (!settings.runs("jmh")) {
      return;
    }
    switch (key) {
      case "argon2-owasp" -> {
        argon2Baseline(key, 19456, 2, when);
        argon2Baseline(key + "-bc", 19456, 2, when);
      }
      case "argon2-keycloak" -> {
        argon2Baseline(key, KEYCLOAK_MEMORY_KIB, KEYCLOAK_ITERATIONS, when);
        argon2Baseline(key + "-bc", KEYCLOAK_MEMORY_KIB, KEYCLOAK_ITERATIONS, when);
      }
      case "es256" -> es256Baseline(when);
      default -> throw new IllegalArgumentException(key);
    }
  }

  private interface Jmh {
    JmhRunner.Result run() throws Exception;
  }

  private void baseline(String key, String title, String when, Jmh run) throws Exception {
    double load = ProcStats.loadAverage();
    out.print("  " + title + ", " + when + " ... ");
    out.flush();
    JmhRunner.Result r = run.run();
    out.printf("%.1f %s (±%.1f), load %.1f%n", r.score(), r.unit(), r.error(), load);
    report.baselines.add(new Report.Baseline(key, title, when, r, load));
  }

  private void micro(Jmh run) throws Exception {
    JmhRunner.Result r = run.run();
    out.printf(
        "  %-45s %10.2f %s (±%.2f)%n",
        r.benchmark() + (r.params().isEmpty() ? "" : " " + r.params()),
        r.score(),
        r.unit(),
        r.error());
    report.micro.add(r);
  }

  // ---------------------------------------------------------------- systems

  /** Properties every benchmark system gets: limits for people are far too low for load. */
  static Map<String, String> loadProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    // the launcher's example shop (Connect mode) is no part of what is measured
    p.put("passbridge.example-shop", "false");
    p.put("passbridge.auth.login.attempts-per-ip", "100000000");
    p.put("passbridge.auth.accounts.registrations-per-ip", "100000000");
    for (String rule :
        List.of(
            "register",
            "login",
            "otp-verify",
            "otp-resend",
            "passkey-login-options",
            "passkey-login")) {
      // the limits stay on (their Redis check is part of the gateway's cost), just out of reach
      p.put("passbridge.gateway.rate-limit.rules." + rule + ".limit", "100000000");
    }
    if (!portFree(8090)) {
      // the gateway's actuator port is taken on this machine: any free one will do
      p.put("management.server.port", "0");
    }
    return p;
  }

  private static boolean portFree(int port) {
    try (var s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private SystemUnderTest start(String name, Map<String, String> properties) throws Exception {
    out.println(
        "\n== Starting the system ("
            + name
            + "): "
            + (settings.inProcess() ? "in this JVM" : String.join(" ", settings.systemJvm())));
    if (settings.inProcess()) {
      // the smoke run: system and generator share one JVM at full load with no JIT settled, where
      // the gateway's Redis revocation lookup took longer than its 500 ms bound (503, fail closed)
      // in CI twice, and once (run locally) its Redis client's own 500 ms command timeout struck
      // first (QueryTimeoutException); the smoke test checks that every journey works, not latency
      Map<String, String> smoke = new LinkedHashMap<>(properties);
      smoke.putIfAbsent("passbridge.session.revocation-timeout", "5s");
      smoke.putIfAbsent("spring.data.redis.timeout", "5s");
      return InProcessSystem.start(smoke, settings.out().resolve("state-" + name));
    }
    if (settings.useAotCache() && aotCache != null) {
      List<String> jvm = new ArrayList<>(settings.systemJvm());
      jvm.add("-XX:AOTCache=" + aotCache);
      out.println("  with the AOT cache of the aot phase (" + aotCache.getFileName() + ")");
      return ForkedSystem.start(name, jvm, properties, settings.out(), aotClassPath);
    }
    return ForkedSystem.start(name, settings.systemJvm(), properties, settings.out());
  }

  private VirtualUser newVirtualUser(SystemUnderTest sut) {
    return new VirtualUser(sut.gatewayUrl(), sut::serviceUrl, 30_000, seeds.incrementAndGet());
  }

  private Report.SystemRun owaspSystem() throws Exception {
    Map<String, String> properties = loadProperties();
    long t0 = System.nanoTime();
    try (SystemUnderTest sut = start("owasp", properties);
        DecisionLatencyProbe probe =
            new DecisionLatencyProbe(sut.bootstrapServers(), sut.redisPort())) {
      double startSeconds = (System.nanoTime() - t0) / 1e9;
      out.printf("  up in %.1f s, %s%n", startSeconds, sut.jvmDescription());
      List<PhaseResult> phases = new ArrayList<>();
      List<Report.Decision> decisions = new ArrayList<>();
      List<Report.GatewayRow> gateway = new ArrayList<>();
      List<JfrSummary.Profile> profiles = new ArrayList<>();
      UserPool users = new UserPool();
      LoadRunner runner = new LoadRunner(users, () -> newVirtualUser(sut), sut.pid(), out);

      phases.add(setup(sut, users, true));

      Scenario password = new Journeys.PasswordLogin();
      Scenario upgrade = new Journeys.Upgrade(probe);
      Scenario passkey = new Journeys.PasskeyLogin();
      Map<Scenario, Integer> mix = new LinkedHashMap<>();
      Map<String, Scenario> byName =
          Map.of("password", password, "upgrade", upgrade, "passkey", passkey);
      settings.mix().forEach((k, v) -> mix.put(byName.get(k), v));

      phases.add(
          runner.run(
              new Phase(
                  "warmup",
                  "Warm-up (mixed journeys, JIT)",
                  mix,
                  settings.concurrency(),
                  settings.warmup(),
                  0)));
      settleJit(runner, phases.getLast(), mix);

      if (settings.runs("password")) {
        adjacentBaseline("argon2-owasp", "right before password-peak");
        phases.add(
            profiled(
                sut,
                runner,
                profiles,
                Phase.closed(
                    "password-peak",
                    "Password logins at peak (login + SMS code + OTP verify + session)",
                    password,
                    settings.concurrency(),
                    settings.duration())));
        adjacentBaseline("argon2-owasp", "right after password-peak");
      }
      PhaseResult upgradePeak = null;
      if (settings.runs("upgrade") || settings.runs("decision")) {
        probe.begin();
        upgradePeak =
            profiled(
                sut,
                runner,
                profiles,
                Phase.closed(
                    "upgrade-peak",
                    "Upgrade journey at peak (login → OTP → session → upgrade options → registration UP=0)",
                    upgrade,
                    settings.concurrency(),
                    settings.duration()));
        phases.add(upgradePeak);
        decisions.add(decision(probe, "upgrade-peak"));
      }
      if (settings.runs("decision") && upgradePeak != null) {
        double rate = Math.max(0.5, upgradePeak.flow("upgrade").perSecond() / 2);
        probe.begin();
        phases.add(
            runner.run(
                Phase.open(
                    "upgrade-half",
                    "Upgrade journey at half of its peak (open loop): decision latency",
                    upgrade,
                    rate,
                    Math.max(64, settings.concurrency() * 4),
                    settings.duration())));
        decisions.add(decision(probe, "upgrade-half"));
      }
      if (settings.runs("passkey")) {
        adjacentBaseline("es256", "right before passkey-peak");
        phases.add(
            profiled(
                sut,
                runner,
                profiles,
                Phase.closed(
                    "passkey-peak",
                    "Passkey logins at peak (options + assertion + session)",
                    passkey,
                    settings.passkeyConcurrency(),
                    settings.duration())));
        adjacentBaseline("es256", "right after passkey-peak");
      }
      if (settings.runs("mixed")) {
        phases.add(
            runner.run(
                new Phase(
                    "mixed-peak",
                    "Mixed login peak " + settings.mix(),
                    mix,
                    settings.concurrency(),
                    settings.duration(),
                    0)));
      }
      if (settings.runs("gateway")) {
        for (String endpoint : List.of("login-options", "me")) {
          gateway.add(gatewayOverhead(runner, endpoint));
        }
      }
      Report.Memory memory = null;
      if (settings.runs("memory")) {
        memory = memory(sut, phases);
      }
      return new Report.SystemRun(
          "owasp",
          "Default configuration (Argon2id m=19 MiB t=2 p=1, OWASP)",
          sut.jvmDescription(),
          properties,
          phases,
          decisions,
          gateway,
          profiles,
          memory,
          startSeconds);
    }
  }

  /**
   * Passbridge at Keycloak's Argon2id parameters ({@code keycloak-params}) and Keycloak itself
   * ({@code keycloak-server}, {@link #KEYCLOAK_STARTS} starts), each of which can run alone. All
   * are up at once: each is set up and warmed up (until its JIT settles) with the others idle
   * beside it, then their peaks alternate in slices of half of {@code --duration} ({@link
   * #alternatePeaks}), so that a host that gets faster or slower over the minutes of the comparison
   * weighs on all alike. Run one after the other (before 2026-12-05), the same code's ratio read
   * anywhere from 0.76 × to 1.49 × on the shared hosts it ran on. What each one idle used while
   * another was loaded is in the report's notes.
   */
  private void keycloakComparison() throws Exception {
    boolean own = settings.runs("keycloak-params");
    boolean theirs = settings.runs("keycloak-server") && keycloakDistribution();
    Map<String, String> properties = loadProperties();
    properties.put("passbridge.auth.password-hashing.memory-kib", "" + KEYCLOAK_MEMORY_KIB);
    properties.put("passbridge.auth.password-hashing.iterations", "" + KEYCLOAK_ITERATIONS);
    long t0 = System.nanoTime();
    try (SystemUnderTest sut = own ? start("keycloak-params", properties) : null) {
      Side passbridge = own ? passbridgeSide(sut, (System.nanoTime() - t0) / 1e9) : null;
      List<KeycloakServer> servers = new ArrayList<>();
      try {
        List<Side> keycloaks = new ArrayList<>();
        for (int n = 1; theirs && n <= KEYCLOAK_STARTS; n++) {
          long k0 = System.nanoTime();
          KeycloakServer kc = startKeycloak(n);
          servers.add(kc);
          keycloaks.add(keycloakSide(kc, n, (System.nanoTime() - k0) / 1e9));
        }
        if (own) {
          adjacentBaseline("argon2-keycloak", "right before password-peak");
        }
        alternatePeaks(passbridge, keycloaks);
        if (own) {
          adjacentBaseline("argon2-keycloak", "right after password-peak");
          profileAfter(sut, passbridge.runner, passbridge.profiles, passbridge.peak.whole());
          report.systems.add(
              new Report.SystemRun(
                  "keycloak-params",
                  "Argon2id at Keycloak's parameters (m=7 MiB t=5 p=1, an OWASP-equivalent choice)",
                  sut.jvmDescription(),
                  properties,
                  passbridge.phases,
                  List.of(),
                  List.of(),
                  passbridge.profiles,
                  null,
                  passbridge.startSeconds));
        }
        if (theirs) {
          keycloakRuns(servers, keycloaks);
        }
      } finally {
        for (KeycloakServer kc : servers.reversed()) {
          kc.close();
        }
      }
    }
  }

  /**
   * Keycloak's starts in the report: the one with the most logins/s as {@code keycloak-server},
   * which the target is judged against, the others as {@code keycloak-server-2}, … . The same
   * distribution with the same options has run at 49 and at 119 ms of CPU per login in two starts
   * on one host about 20 minutes apart (the slow one at 8–20 logins/s through its warm-up, where
   * the other rose from 13 to 38), so judging against one start could credit Passbridge with a bad
   * start of Keycloak's; the faster start is the conservative reference.
   */
  private void keycloakRuns(List<KeycloakServer> servers, List<Side> sides) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < sides.size(); i++) {
      order.add(i);
    }
    order.sort(
        java.util.Comparator.comparingDouble(
                (Integer i) -> -sides.get(i).phases.getLast().flow("keycloak").perSecond())
            .thenComparing(i -> i));
    StringBuilder note = new StringBuilder();
    for (int rank = 0; rank < order.size(); rank++) {
      KeycloakServer kc = servers.get(order.get(rank));
      Side side = sides.get(order.get(rank));
      Map<String, String> options = new LinkedHashMap<>(kc.options());
      options.put("(stored hash parameters)", side.storedHash);
      PhaseResult peak = side.phases.getLast();
      note.append(note.isEmpty() ? "" : "; ")
          .append(
              "start %d: %.1f logins/s, %.0f ms CPU per login"
                  .formatted(
                      order.get(rank) + 1,
                      peak.flow("keycloak").perSecond(),
                      peak.systemCpuMillisPerJourney()));
      report.systems.add(
          new Report.SystemRun(
              rank == 0 ? "keycloak-server" : "keycloak-server-" + (rank + 1),
              "Keycloak %s itself, start %d of %d%s (kc.sh start-dev: dev-file H2, local caches; Argon2id m=7 MiB t=5 p=1 through its options)"
                  .formatted(
                      kc.version(),
                      order.get(rank) + 1,
                      sides.size(),
                      sides.size() == 1 ? "" : rank == 0 ? ", the faster" : ", the slower"),
              kc.jvmDescription(),
              options,
              side.phases,
              List.of(),
              List.of(),
              List.of(),
              null,
              side.startSeconds));
    }
    if (sides.size() > 1) {
      String text =
          "Keycloak was started %d times, each with its own fresh copy and database, all up and loaded in turn (%s); the target is judged against the faster."
              .formatted(sides.size(), note);
      out.println("  " + text);
      report.notes.add(text);
    }
  }

  /** One of the systems of the Keycloak comparison, set up and warmed up. */
  private static final class Side {
    final String name;
    final long pid;
    final LoadRunner runner;
    final List<PhaseResult> phases = new ArrayList<>();
    final List<JfrSummary.Profile> profiles = new ArrayList<>();
    final SlicedPhase peak;
    final double startSeconds;
    String storedHash;
    double idleCpuSeconds;
    double idleWallSeconds;

    Side(String name, long pid, LoadRunner runner, Phase peak, double startSeconds) {
      this.name = name;
      this.pid = pid;
      this.runner = runner;
      this.peak = new SlicedPhase(runner, peak);
      this.startSeconds = startSeconds;
    }
  }

  private Side passbridgeSide(SystemUnderTest sut, double startSeconds) throws Exception {
    out.printf("  up in %.1f s, %s%n", startSeconds, sut.jvmDescription());
    UserPool users = new UserPool();
    LoadRunner runner = new LoadRunner(users, () -> newVirtualUser(sut), sut.pid(), out);
    Scenario password = new Journeys.PasswordLogin();
    Side side =
        new Side(
            "Passbridge",
            sut.pid(),
            runner,
            Phase.closed(
                "password-peak",
                "Password logins at peak, Keycloak's Argon2id parameters (m=7 MiB t=5 p=1)",
                password,
                settings.concurrency(),
                settings.duration()),
            startSeconds);
    side.phases.add(setup(sut, users, false));
    warmUp(side, "Warm-up (password logins, JIT)", password);
    return side;
  }

  /** The warm-up of {@code --warmup}, then on until the JIT settles ({@link #settleJit}). */
  private void warmUp(Side side, String title, Scenario scenario) throws InterruptedException {
    side.phases.add(
        side.runner.run(
            Phase.closed("warmup", title, scenario, settings.concurrency(), settings.warmup())));
    settleJit(side.runner, side.phases.getLast(), Map.of(scenario, 1));
  }

  private boolean keycloakDistribution() {
    Path dist = settings.keycloakDist();
    if (dist != null && Files.isRegularFile(dist)) {
      return true;
    }
    String note =
        "Keycloak itself was not run: no distribution at `--keycloak-dist` (%s); the `benchmark` profile copies `org.keycloak:keycloak-quarkus-dist` to `benchmarks/target/keycloak/`."
            .formatted(dist);
    out.println("\n== " + note);
    report.notes.add(note);
    return false;
  }

  private KeycloakServer startKeycloak(int n) throws Exception {
    Path dist = settings.keycloakDist();
    out.println(
        "\n== Starting Keycloak, start "
            + n
            + " of "
            + KEYCLOAK_STARTS
            + " ("
            + dist.getFileName()
            + ", kc.sh start-dev, JDK "
            + settings.keycloakJavaHome()
            + ")");
    return KeycloakServer.start(
        dist,
        settings.out().resolve("keycloak").resolve("start-" + n),
        settings.keycloakJavaHome(),
        List.of(),
        KEYCLOAK_MEMORY_KIB,
        KEYCLOAK_ITERATIONS,
        out);
  }

  /**
   * Keycloak: its distribution in dev mode with the same Argon2id parameters, the same number of
   * password accounts, the same warm-up (until its JIT settles too) and the same closed-loop load
   * of {@code --concurrency} virtual users, each login one OAuth 2 password grant. Measured like
   * the system: logins/s, p50/p99, CPU of its process tree per login, its threads by group, RSS.
   */
  private Side keycloakSide(KeycloakServer kc, int n, double startSeconds) throws Exception {
    long pid = kc.pid();
    out.printf(
        "  Keycloak %s up in %.1f s at %s (JVM pid %d)%n",
        kc.version(), startSeconds, kc.url(), pid);
    UserPool users = new UserPool();
    LoadRunner runner =
        new LoadRunner(
            users,
            () ->
                new VirtualUser(
                    kc.url(),
                    service -> {
                      throw new IllegalArgumentException(service);
                    },
                    30_000,
                    seeds.incrementAndGet()),
            pid,
            out);
    Scenario login = new dev.passbridge.bench.keycloak.KeycloakLogin();
    Side side =
        new Side(
            "Keycloak " + n,
            pid,
            runner,
            Phase.closed(
                "password-peak",
                "Keycloak: password logins at peak (one OAuth 2 password grant each), Argon2id m=7 MiB t=5 p=1",
                login,
                settings.concurrency(),
                settings.duration()),
            startSeconds);
    double load = ProcStats.loadAverage();
    long s0 = System.nanoTime();
    kc.createRealmAndClient();
    idle(pid, "Keycloak " + kc.version());
    int count = settings.usersOf("password");
    List<BenchUser> created = kc.createUsers(count, 4, runId);
    users.addAll(created);
    side.storedHash = kc.credentialParameters(created.getFirst().username());
    double setupSeconds = (System.nanoTime() - s0) / 1e9;
    out.printf(
        "  realm, client and %d users in %.1f s; stored hash parameters: %s%n",
        created.size(), setupSeconds, side.storedHash);
    side.phases.add(
        new PhaseResult(
            "setup",
            "Setup: realm, client and users through the admin REST API",
            "%d users, 4 at a time".formatted(count),
            setupSeconds,
            Map.of(),
            Map.of(),
            new PhaseResult.Resources(
                load, ProcStats.loadAverage(), -1, -1, -1, ProcStats.rssBytes(pid), -1)));
    warmUp(side, "Warm-up (password grants, JIT)", login);
    return side;
  }

  /**
   * The peaks: with several sides, slices of half of {@code --duration} in an order that reads the
   * same backwards (Passbridge, Keycloak 1, Keycloak 2, Keycloak 2, Keycloak 1, Passbridge: each
   * side gets {@code --duration} in all, and a linear drift of the host cancels out); with one, a
   * single slice.
   */
  private void alternatePeaks(Side passbridge, List<Side> keycloaks) throws Exception {
    List<Side> sides = new ArrayList<>();
    if (passbridge != null) {
      sides.add(passbridge);
    }
    sides.addAll(keycloaks);
    List<Side> order = new ArrayList<>(sides);
    if (sides.size() > 1) {
      order.addAll(sides.reversed());
    }
    Duration slice = order.size() > 1 ? settings.duration().dividedBy(2) : settings.duration();
    out.println(
        "\n== Password logins at Keycloak's parameters, at peak: "
            + String.join(", ", order.stream().map(s -> s.name).toList())
            + ", "
            + slice.toSeconds()
            + " s each, closed loop, "
            + settings.concurrency()
            + " virtual users");
    for (Side side : order) {
      List<Side> others = sides.stream().filter(o -> o != side).toList();
      List<ProcStats.CpuSample> before =
          others.stream().map(o -> ProcStats.CpuSample.take(o.pid)).toList();
      PhaseResult r = side.peak.slice(slice);
      printPhase(r);
      for (int i = 0; i < others.size(); i++) {
        var after = ProcStats.CpuSample.take(others.get(i).pid);
        double wall = (after.wallNanos() - before.get(i).wallNanos()) / 1e9;
        others.get(i).idleCpuSeconds += before.get(i).sutCores(after) * wall;
        others.get(i).idleWallSeconds += wall;
      }
    }
    for (Side side : sides) {
      side.phases.add(side.peak.result());
    }
    if (sides.size() > 1) {
      String note =
          "%s were all up while any was measured; their peaks alternated in slices of %d s (%s). Idle beside the others' slices: %s."
              .formatted(
                  String.join(", ", sides.stream().map(s -> s.name).toList()),
                  slice.toSeconds(),
                  String.join(", ", order.stream().map(s -> s.name).toList()),
                  String.join(
                      ", ",
                      sides.stream()
                          .map(
                              s ->
                                  "%s %.3f cores"
                                      .formatted(s.name, s.idleCpuSeconds / s.idleWallSeconds))
                          .toList()));
      out.println("  " + note);
      report.notes.add(note);
    }
  }

  /**
   * Goes on warming up in 20 s slices while the JIT compiler threads still use more than {@code
   * --jit-settled} cores, up to {@code --warmup-max} of warm-up in all. Five services and a broker
   * in one JVM are tens of thousands of methods to compile; on two cores under load the compilers
   * get a fraction of a core and need minutes, and a peak measured before they are done measures
   * them too. The slices are not in the report's phases; a note says how long it took.
   */
  private void settleJit(LoadRunner runner, PhaseResult first, Map<Scenario, Integer> mix)
      throws InterruptedException {
    double jit = first.resources().cores(ThreadCpu.JIT);
    Duration done = settings.warmup();
    Duration slice = Duration.ofSeconds(20);
    while (jit > settings.jitSettledCores()
        && done.plus(slice).compareTo(settings.warmupMax()) <= 0) {
      out.printf(
          "  the JIT compilers still use %.2f cores: %d s more warm-up%n", jit, slice.toSeconds());
      PhaseResult more =
          runner.run(
              new Phase(
                  "warmup-more", "Warm-up, continued", mix, settings.concurrency(), slice, 0));
      done = done.plus(slice);
      jit = more.resources().cores(ThreadCpu.JIT);
    }
    String note =
        jit < 0
            ? "Warm-up: %d s (compiler threads not measured).".formatted(done.toSeconds())
            : jit <= settings.jitSettledCores()
                ? "Warm-up: %d s in all, until the JIT compiler threads used %.2f cores (settled below %.2f)."
                    .formatted(done.toSeconds(), jit, settings.jitSettledCores())
                : "Warm-up: %d s in all (the maximum); the JIT compiler threads still used %.2f cores, more than %.2f."
                    .formatted(done.toSeconds(), jit, settings.jitSettledCores());
    out.println("  " + note);
    report.notes.add(note);
  }

  /** How long each peak's load is profiled with JFR, after the peak itself. */
  private static final Duration PROFILE = Duration.ofSeconds(20);

  /** Registers the accounts; passkey accounts get their passkey through the upgrade journey. */
  private PhaseResult setup(SystemUnderTest sut, UserPool users, boolean all) throws Exception {
    out.println("  registering accounts ...");
    Scenario setup = setupScenario();
    PhaseStats stats = new PhaseStats(List.of(setup));
    double load = ProcStats.loadAverage();
    long t0 = System.nanoTime();
    int parallel = Math.max(2, Math.min(8, settings.concurrency() / 2));
    awaitReady(sut);
    idle(sut);
    users.create(
        BenchUser.Kind.PASSWORD,
        settings.usersOf("password"),
        parallel,
        () -> newVirtualUser(sut),
        stats,
        runId);
    if (all) {
      users.create(
          BenchUser.Kind.UPGRADE,
          settings.usersOf("upgrade"),
          parallel,
          () -> newVirtualUser(sut),
          stats,
          runId);
      users.create(
          BenchUser.Kind.PASSKEY,
          settings.usersOf("passkey"),
          parallel,
          () -> newVirtualUser(sut),
          stats,
          runId);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.printf(
        "  %d + %d + %d accounts in %.1f s%n",
        users.size(BenchUser.Kind.PASSWORD),
        users.size(BenchUser.Kind.UPGRADE),
        users.size(BenchUser.Kind.PASSKEY),
        seconds);
    Map<String, Summary> steps = new LinkedHashMap<>();
    stats.steps().forEach((k, v) -> steps.put(k, Summary.of(v, seconds)));
    return new PhaseResult(
        "setup",
        "Setup: registrations, and the first upgrade of the passkey accounts",
        "parallel " + parallel,
        seconds,
        Map.of(),
        steps,
        new PhaseResult.Resources(
            load, ProcStats.loadAverage(), -1, -1, -1, ProcStats.rssBytes(sut.pid()), -1));
  }

  /** What the system costs with no load at all (pollers, heartbeats, punctuations, timers). */
  private void idle(SystemUnderTest sut) throws InterruptedException {
    idle(sut.pid(), "the system (" + sut.jvmDescription().split(",")[0] + ")");
  }

  private void idle(long pid, String what) throws InterruptedException {
    Thread.sleep(settings.inProcess() ? 200 : 3000);
    double load = ProcStats.loadAverage();
    var before = ProcStats.CpuSample.take(pid);
    Thread.sleep(Duration.ofSeconds(settings.inProcess() ? 2 : 15));
    var after = ProcStats.CpuSample.take(pid);
    double cores = before.sutCores(after);
    out.printf(
        "  idle: the system uses %.3f cores with no load (load average %.1f)%n", cores, load);
    report.notes.add(
        "Idle cost of %s: %.3f cores with no requests at all (pollers, heartbeats, timers), load average %.1f."
            .formatted(what, cores, load));
  }

  /**
   * Waits until a first journey passes: the launcher returns when every context is up, but Kafka
   * Streams and the consumer groups may still be joining.
   */
  private void awaitReady(SystemUnderTest sut) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    RuntimeException last = null;
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      try {
        UserPool probeUsers = new UserPool();
        probeUsers.create(
            BenchUser.Kind.UPGRADE,
            1,
            1,
            () -> newVirtualUser(sut),
            new PhaseStats(List.of(setupScenario())),
            "ready" + attempt + runId);
        BenchUser user = probeUsers.lease(BenchUser.Kind.UPGRADE);
        Scenario upgrade = new Journeys.Upgrade(null);
        try (VirtualUser vu = newVirtualUser(sut)) {
          upgrade.iteration(vu, user, new PhaseStats(List.of(upgrade)));
        }
        return;
      } catch (RuntimeException e) {
        last = e;
        out.println("  not ready yet: " + e.getMessage());
        Thread.sleep(1000);
      }
    }
    throw new IllegalStateException("the system never completed an upgrade journey", last);
  }

  private static Scenario setupScenario() {
    return new Scenario() {
      @Override
      public String name() {
        return "setup";
      }

      @Override
      public List<String> steps() {
        return UserPool.setupSteps();
      }

      @Override
      public BenchUser.Kind userKind() {
        return null;
      }

      @Override
      public void iteration(VirtualUser vu, BenchUser user, PhaseStats stats) {}
    };
  }

  private PhaseResult profiled(
      SystemUnderTest sut, LoadRunner runner, List<JfrSummary.Profile> profiles, Phase phase)
      throws Exception {
    out.println(
        "\n== "
            + phase.title()
            + " — "
            + phase.mode()
            + ", "
            + phase.duration().toSeconds()
            + " s");
    PhaseResult result = runner.run(phase);
    printPhase(result);
    profileAfter(sut, runner, profiles, phase);
    return result;
  }

  /** With {@code --jfr}, the same load as {@code phase} once more, profiled, for at most 20 s. */
  private void profileAfter(
      SystemUnderTest sut, LoadRunner runner, List<JfrSummary.Profile> profiles, Phase phase)
      throws Exception {
    if (settings.jfr()) {
      // profiled separately, right after: JFR's profile settings (stacks of every sampled virtual
      // thread, allocation samples) cost the system a measurable share, so never in the numbers
      Path file =
          settings
              .out()
              .resolve("jfr")
              .resolve(phase.name() + "-" + Instant.now().getEpochSecond() + ".jfr");
      Duration length = phase.duration().compareTo(PROFILE) < 0 ? phase.duration() : PROFILE;
      out.printf(
          "  profiling the same load with JFR for %d s (not in the numbers) ...%n",
          length.toSeconds());
      sut.startJfr(file);
      try {
        runner.run(
            new Phase(
                phase.name() + "-profiled",
                phase.title() + ", profiled",
                phase.mix(),
                phase.concurrency(),
                length,
                phase.ratePerSecond()));
      } finally {
        sut.stopJfr();
      }
      profiles.add(JfrSummary.read(phase.name(), file, 25));
    }
  }

  private void printPhase(PhaseResult r) {
    r.flows()
        .values()
        .forEach(
            f ->
                out.printf(
                    "  %-10s %7.1f journeys/s, %d ok, %d failed, p50 %.1f ms, p99 %.1f ms%n",
                    f.name(), f.perSecond(), f.ok(), f.failed(), f.p50(), f.p99()));
    out.printf(
        "  system %.2f cores (%.1f ms CPU per journey), generator %.2f cores, machine %.2f cores busy, load %.1f → %.1f, RSS max %d MB%n",
        r.resources().systemCores(),
        r.systemCpuMillisPerJourney(),
        r.resources().generatorCores(),
        r.resources().machineCores(),
        r.resources().loadAverageStart(),
        r.resources().loadAverageEnd(),
        r.resources().rssMaxBytes() / (1024 * 1024));
    if (!r.threadBreakdown().isEmpty()) {
      out.println("  " + r.threadBreakdown());
    }
  }

  private Report.Decision decision(DecisionLatencyProbe probe, String phase) {
    var result = probe.finish(Duration.ofSeconds(5));
    Summary latency =
        Summary.of(
            "decision latency",
            result.micros(),
            result.micros().getTotalCount(),
            result.unmatched(),
            Map.of(),
            0);
    out.printf(
        "  decision latency (%s): %d journeys, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms (%d unmatched)%n",
        phase,
        result.micros().getTotalCount(),
        latency.p50(),
        latency.p95(),
        latency.p99(),
        latency.max(),
        result.unmatched());
    Summary intelligence =
        Summary.of(
            "intelligence-service's part",
            result.intelligenceMicros(),
            result.intelligenceMicros().getTotalCount(),
            0,
            Map.of(),
            0);
    out.printf(
        "  of which OtpVerified → decision made (intelligence-service): p50 %.2f ms, p99 %.2f ms%n",
        intelligence.p50(), intelligence.p99());
    return new Report.Decision(
        phase, latency, result.unmatched(), ProcStats.loadAverage(), intelligence);
  }

  private Report.GatewayRow gatewayOverhead(LoadRunner runner, String endpoint) throws Exception {
    Duration d = settings.gatewayPhase();
    int c = settings.passkeyConcurrency();
    Scenario direct = new Journeys.Endpoint(endpoint, false);
    Scenario viaGateway = new Journeys.Endpoint(endpoint, true);
    out.println(
        "\n== Gateway overhead: "
            + endpoint
            + " (closed loop, "
            + c
            + " virtual users, then open loop at a quarter of the lower peak)");
    PhaseResult directMax =
        runner.run(
            Phase.closed(
                "direct-max." + endpoint,
                "Direct to the service, peak: " + endpoint,
                direct,
                c,
                d));
    PhaseResult gatewayMax =
        runner.run(
            Phase.closed(
                "gateway-max." + endpoint,
                "Through the gateway, peak: " + endpoint,
                viaGateway,
                c,
                d));
    double rate =
        Math.max(
            1,
            Math.min(
                    directMax.flow(direct.name()).perSecond(),
                    gatewayMax.flow(viaGateway.name()).perSecond())
                / 4);
    PhaseResult directLatency =
        runner.run(
            Phase.open(
                "direct-latency." + endpoint,
                "Direct, at a fixed rate: " + endpoint,
                direct,
                rate,
                256,
                d));
    PhaseResult gatewayLatency =
        runner.run(
            Phase.open(
                "gateway-latency." + endpoint,
                "Through the gateway, at a fixed rate: " + endpoint,
                viaGateway,
                rate,
                256,
                d));
    Summary dl = directLatency.flow(direct.name());
    Summary gl = gatewayLatency.flow(viaGateway.name());
    out.printf(
        "  peak %.0f/s direct vs %.0f/s via gateway; at %.0f/s p50 %.2f vs %.2f ms, p99 %.2f vs %.2f ms%n",
        directMax.flow(direct.name()).perSecond(),
        gatewayMax.flow(viaGateway.name()).perSecond(),
        rate,
        dl.p50(),
        gl.p50(),
        dl.p99(),
        gl.p99());
    return new Report.GatewayRow(
        endpoint, directMax, gatewayMax, rate, directLatency, gatewayLatency);
  }

  private Report.Memory memory(SystemUnderTest sut, List<PhaseResult> phases) {
    PhaseResult peak =
        phases.stream()
            .filter(p -> p.resources().rssMaxBytes() > 0 && !p.name().equals("setup"))
            .max(java.util.Comparator.comparingLong(p -> p.resources().rssMaxBytes()))
            .orElse(null);
    out.println("\n== Memory: live heap after GC per service (each service stopped in turn)");
    double load = ProcStats.loadAverage();
    long children =
        ProcessHandle.of(sut.pid()).stream()
            .flatMap(ProcessHandle::descendants)
            .mapToLong(c -> Math.max(0, ProcStats.rssBytes(c.pid())))
            .sum();
    if (sut.pid() == ProcessHandle.current().pid()) {
      children = -1; // in-process: our children are not the system's
    }
    java.util.Map<String, Long> parts =
        sut.pid() == ProcessHandle.current().pid()
            ? java.util.Map.of()
            : dev.passbridge.bench.probe.NativeMemory.of(sut.pid());
    if (!parts.isEmpty()) {
      out.println("  the system JVM's memory by part (Native Memory Tracking, committed):");
      parts.forEach((k, v) -> out.printf("  %-50s %6.1f MB%n", k, v / (1024.0 * 1024)));
    }
    LinkedHashMap<String, Long> heap = sut.liveHeapPerService();
    heap.forEach((k, v) -> out.printf("  %-50s %6.1f MB%n", k, v / (1024.0 * 1024)));
    return new Report.Memory(
        peak == null ? -1 : peak.resources().rssMaxBytes(),
        peak == null ? -1 : peak.resources().rssMeanBytes(),
        peak == null ? "" : peak.name(),
        heap,
        load,
        children,
        parts);
  }

  // ---------------------------------------------------------------- start-up and JIT (AOT cache)

  /** Length of one slice of load in the start-up comparison. */
  private static final Duration SLICE = Duration.ofSeconds(10);

  /**
   * Start-up time and the time until the JIT settles, without and with the JDK's AOT cache (JEP
   * 483/514/515: classes loaded and linked ahead of time, and method profiles), interleaved: a
   * training run (the system started with {@code -XX:AOTCacheOutput}, accounts, {@code --warmup} of
   * mixed load, stopped: the cache is written on exit), then {@code --aot-rounds} rounds of one
   * start without the cache and one with it. Each start gets a few accounts and the mixed load in
   * 10 s slices until the JIT compiler threads use less than {@code --jit-settled} cores, at most
   * {@code --warmup-max} seconds.
   */
  private void startupComparison() throws Exception {
    if (settings.inProcess()) {
      return;
    }
    Path dir = settings.out().resolve("aot").toAbsolutePath();
    Files.createDirectories(dir);
    String classPath = AotClassPath.of(System.getProperty("java.class.path"), dir.resolve("jars"));
    Path cache = dir.resolve("system.aot");
    Files.deleteIfExists(cache);
    out.println(
        "\n== Start-up and JIT: without and with the JDK's AOT cache (training run first, then "
            + settings.aotRounds()
            + " interleaved rounds)");
    List<String> training = new ArrayList<>(settings.systemJvm());
    training.add("-XX:AOTCacheOutput=" + cache);
    long t0 = System.nanoTime();
    try (ForkedSystem sut =
        ForkedSystem.start("aot-training", training, loadProperties(), settings.out(), classPath)
            .exitTimeout(Duration.ofMinutes(10))) {
      out.printf("  training run up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      UserPool users = new UserPool();
      LoadRunner runner = new LoadRunner(users, () -> newVirtualUser(sut), sut.pid(), out);
      aotUsers(sut, users);
      runner.run(
          new Phase(
              "aot-training",
              "AOT training load",
              mixOf(),
              settings.concurrency(),
              settings.warmup(),
              0));
      out.println("  stopping the training run: the JVM writes the cache on exit ...");
    }
    if (!Files.isRegularFile(cache)) {
      String note =
          "AOT cache comparison skipped: the training run wrote no cache (see system-aot-training.log).";
      out.println("  " + note);
      report.notes.add(note);
      return;
    }
    out.printf("  cache %s: %d MB%n", cache.getFileName(), Files.size(cache) / (1024 * 1024));
    aotCache = cache;
    aotClassPath = classPath;
    if (settings.useAotCache()) {
      report.notes.add(
          "The measured systems below were started with the AOT cache of the aot phase (`--use-aot-cache=true`).");
    }
    for (int round = 1; round <= settings.aotRounds(); round++) {
      for (boolean withCache : new boolean[] {false, true}) {
        List<String> jvm = new ArrayList<>(settings.systemJvm());
        if (withCache) {
          jvm.add("-XX:AOTCache=" + cache);
        }
        report.warmStarts.add(
            warmStart(withCache ? "AOT cache" : "no cache", round, jvm, classPath));
      }
    }
  }

  private Report.WarmStart warmStart(String variant, int round, List<String> jvm, String classPath)
      throws Exception {
    String name = "aot-" + (variant.startsWith("AOT") ? "cache" : "none") + "-" + round;
    out.printf("%n  round %d, %s: starting ...%n", round, variant);
    long t0 = System.nanoTime();
    try (ForkedSystem sut =
        ForkedSystem.start(name, jvm, loadProperties(), settings.out(), classPath)) {
      double startSeconds = (System.nanoTime() - t0) / 1e9;
      out.printf("  up in %.1f s%n", startSeconds);
      UserPool users = new UserPool();
      LoadRunner runner = new LoadRunner(users, () -> newVirtualUser(sut), sut.pid(), out);
      aotUsers(sut, users);
      List<Double> jit = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      double settled = -1;
      Map<Scenario, Integer> mix = mixOf();
      for (long done = 0; done < settings.warmupMax().toSeconds(); done += SLICE.toSeconds()) {
        PhaseResult slice =
            runner.run(new Phase(name, variant + ", load", mix, settings.concurrency(), SLICE, 0));
        double cores = slice.resources().cores(ThreadCpu.JIT);
        jit.add(cores);
        cpu.add(slice.systemCpuMillisPerJourney());
        if (cores >= 0 && cores < settings.jitSettledCores()) {
          settled = done + SLICE.toSeconds();
          break;
        }
      }
      out.printf(
          "  %s, round %d: up in %.1f s; JIT compiler threads %s cores per 10 s slice; %s%n",
          variant,
          round,
          startSeconds,
          jit.stream().map(c -> "%.2f".formatted(c)).toList(),
          settled < 0
              ? "not below %.2f within %d s"
                  .formatted(settings.jitSettledCores(), settings.warmupMax().toSeconds())
              : "below %.2f after %.0f s of load".formatted(settings.jitSettledCores(), settled));
      return new Report.WarmStart(variant, round, startSeconds, settled, jit, cpu);
    }
  }

  /** A few accounts of each kind: the start-up comparison measures the JIT, not the pool. */
  private void aotUsers(SystemUnderTest sut, UserPool users) throws Exception {
    awaitReady(sut);
    PhaseStats stats = new PhaseStats(List.of(setupScenario()));
    for (BenchUser.Kind kind : BenchUser.Kind.values()) {
      users.create(
          kind,
          Math.max(settings.concurrency(), 8),
          2,
          () -> newVirtualUser(sut),
          stats,
          runId + "a" + seeds.incrementAndGet());
    }
  }

  private Map<Scenario, Integer> mixOf() {
    Map<String, Scenario> byName =
        Map.of(
            "password",
            new Journeys.PasswordLogin(),
            "upgrade",
            new Journeys.Upgrade(null),
            "passkey",
            new Journeys.PasskeyLogin());
    Map<Scenario, Integer> mix = new LinkedHashMap<>();
    settings.mix().forEach((k, v) -> mix.put(byName.get(k), v));
    return mix;
  }

  // ---------------------------------------------------------------- environment

  private static Report.Environment environment() {
    var runtime = ManagementFactory.getRuntimeMXBean();
    return new Report.Environment(
        Instant.now().toString(),
        gitCommit(),
        ProcStats.cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        ProcStats.memTotalBytes(),
        ProcStats.kernel(),
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")",
        String.join(" ", runtime.getInputArguments()),
        ProcStats.loadAverages());
  }

  private static String gitCommit() {
    try {
      Process p =
          new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
              .redirectErrorStream(true)
              .start();
      String s = new String(p.getInputStream().readAllBytes()).trim();
      Process d =
          new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
              .redirectErrorStream(true)
              .start();
      boolean dirty = !new String(d.getInputStream().readAllBytes()).isBlank();
      return p.waitFor() == 0
          ? s + (dirty ? " (work tree has uncommitted changes)" : "")
          : "unknown";
    } catch (Exception e) {
      return "unknown";
    }
  }
}
