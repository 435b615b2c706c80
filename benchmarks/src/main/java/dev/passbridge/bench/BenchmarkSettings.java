package dev.passbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's knobs, from {@code --key=value} arguments (or {@code -Dbenchmark.args="..."}
 * through Maven). Defaults give the full run (about 30 minutes on 2 cores).
 *
 * @param out where the report, the system's logs and JFR recordings go
 * @param systemJvm flags of the system's JVM (and of the JMH forks, so the baselines run alike)
 * @param inProcess run the system inside this JVM (smoke runs only: no separate JIT, no RSS)
 * @param phases what to run: {@code jmh, password, upgrade, decision, passkey, mixed, gateway,
 *     memory, keycloak}
 * @param duration each peak phase
 * @param warmup the mixed warm-up before the measured phases
 * @param warmupMax the warm-up goes on (in 20 s slices) while the system's JIT compiler threads
 *     still use more than {@code jitSettledCores}, up to this much in all: a measurement of a JVM
 *     that is still compiling its five services and the broker measures the compiler
 * @param jitSettledCores the JIT is taken as settled below this many cores of compiler threads
 * @param concurrency virtual users of the closed-loop password and upgrade phases (8: enough to
 *     keep both hashing slots busy while the other steps run, few enough that a login does not
 *     queue for a slot longer than auth-service's queue timeout on a busy machine)
 * @param passkeyConcurrency virtual users of the passkey-login and gateway phases (no step computes
 *     for long, so more journeys overlap)
 * @param users accounts registered per system start (40% password, 30% upgrade, 30% passkey)
 * @param mix scenario weights of the warm-up and the {@code mixed} phase
 * @param jfr after each peak, profile the same load for 20 s with JFR ({@code profile} settings;
 *     never during the peak itself) and summarise it: where the CPU went, and the hash's or
 *     signature's share of it
 * @param smsPollMillis how often a journey asks the dev SMS outbox for its code
 * @param quickJmh shorter JMH runs
 * @param keycloakDist Keycloak's distribution zip ({@code org.keycloak:keycloak-quarkus-dist},
 *     copied to {@code target/keycloak/} by the {@code benchmark} profile), or null: the {@code
 *     keycloak} phase then runs Passbridge at Keycloak's parameters only
 * @param keycloakJavaHome the JDK Keycloak runs on (one it supports: 21 or 25); the benchmark's own
 *     by default
 * @param aotRounds rounds of the start-up comparison (phase {@code aot}): each one start without
 *     the AOT cache and one with it
 * @param useAotCache start the measured systems with the AOT cache the {@code aot} phase made (its
 *     training run's load is the warm-up's mix); off by default, so that runs compare with earlier
 *     ones
 */
public record BenchmarkSettings(
    Path out,
    List<String> systemJvm,
    boolean inProcess,
    Set<String> phases,
    Duration duration,
    Duration warmup,
    Duration warmupMax,
    double jitSettledCores,
    int concurrency,
    int passkeyConcurrency,
    int users,
    Map<String, Integer> mix,
    boolean jfr,
    long smsPollMillis,
    boolean quickJmh,
    Duration gatewayPhase,
    Path keycloakDist,
    Path keycloakJavaHome,
    int aotRounds,
    boolean useAotCache) {

  public static final List<String> ALL_PHASES =
      List.of(
          "jmh",
          "aot",
          "password",
          "upgrade",
          "decision",
          "passkey",
          "gateway",
          "memory",
          "keycloak");

  /**
   * Whether a phase runs. {@code keycloak} is two parts that can also be asked for alone: {@code
   * keycloak-params} (Passbridge at Keycloak's Argon2id parameters) and {@code keycloak-server}
   * (Keycloak itself, same parameters, same load).
   */
  public boolean runs(String phase) {
    return phases.contains(phase)
        || (phase.startsWith("keycloak-") && phases.contains("keycloak"))
        || (phase.equals("keycloak")
            && (phases.contains("keycloak-params") || phases.contains("keycloak-server")));
  }

  public static BenchmarkSettings parse(String... args) {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        if (arg.isBlank()) {
          continue;
        }
        throw new IllegalArgumentException("arguments are --key=value, not " + arg);
      }
      a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    String jvm =
        a.getOrDefault(
            "sut-jvm",
            "-XX:+UseG1GC -Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:CICompilerCount=3 -XX:TrimNativeHeapInterval=10000 -XX:NativeMemoryTracking=summary");
    Map<String, Integer> mix = new LinkedHashMap<>();
    for (String part : a.getOrDefault("mix", "password:60,upgrade:10,passkey:30").split(",")) {
      String[] kv = part.split(":");
      mix.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
    }
    String phases = a.getOrDefault("phases", String.join(",", ALL_PHASES));
    return new BenchmarkSettings(
        Path.of(a.getOrDefault("out", "target/benchmark")),
        Arrays.stream(jvm.replace("\"", "").trim().split("\\s+"))
            .filter(s -> !s.isBlank())
            .toList(),
        Boolean.parseBoolean(a.getOrDefault("in-process", "false")),
        Set.copyOf(Arrays.stream(phases.split(",")).map(String::trim).toList()),
        Duration.ofSeconds(Long.parseLong(a.getOrDefault("duration", "60"))),
        Duration.ofSeconds(Long.parseLong(a.getOrDefault("warmup", "60"))),
        Duration.ofSeconds(Long.parseLong(a.getOrDefault("warmup-max", "240"))),
        Double.parseDouble(a.getOrDefault("jit-settled", "0.15")),
        Integer.parseInt(a.getOrDefault("concurrency", "8")),
        Integer.parseInt(a.getOrDefault("passkey-concurrency", "16")),
        Integer.parseInt(a.getOrDefault("users", "400")),
        mix,
        Boolean.parseBoolean(a.getOrDefault("jfr", "true")),
        Long.parseLong(a.getOrDefault("sms-poll-ms", "5")),
        Boolean.parseBoolean(a.getOrDefault("quick-jmh", "false")),
        Duration.ofSeconds(Long.parseLong(a.getOrDefault("gateway-duration", "15"))),
        a.containsKey("keycloak-dist") && !a.get("keycloak-dist").isBlank()
            ? Path.of(a.get("keycloak-dist"))
            : null,
        Path.of(a.getOrDefault("keycloak-java-home", System.getProperty("java.home"))),
        Integer.parseInt(a.getOrDefault("aot-rounds", "2")),
        Boolean.parseBoolean(a.getOrDefault("use-aot-cache", "false")));
  }

  /** A few seconds of everything, in this JVM: the smoke run of {@code verify}. */
  public static BenchmarkSettings smoke(Path out) {
    return new BenchmarkSettings(
        out,
        List.of(),
        true,
        Set.of("password", "upgrade", "decision", "passkey", "gateway", "memory"),
        Duration.ofSeconds(2),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        0.15,
        2,
        2,
        10,
        Map.of("password", 1, "upgrade", 1, "passkey", 1),
        false,
        5,
        true,
        Duration.ofSeconds(1),
        null,
        Path.of(System.getProperty("java.home")),
        0,
        false);
  }

  public int usersOf(String kind) {
    return switch (kind) {
      case "password" -> Math.max(2, users * 40 / 100);
      case "upgrade" -> Math.max(2, users * 30 / 100);
      default -> Math.max(2, users * 30 / 100);
    };
  }
}
