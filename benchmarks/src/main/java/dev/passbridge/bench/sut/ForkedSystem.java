package dev.passbridge.bench.sut;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The system in its own JVM ({@link SystemMain}, same classpath as this one), with the JVM flags of
 * the benchmark (full JIT: never {@code -XX:TieredStopAtLevel=1}) and its output in a log file.
 */
public final class ForkedSystem implements SystemUnderTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process process;
  private final HttpClient control = HttpClient.newHttpClient();
  private final String controlUrl;
  private final String gateway;
  private final String bootstrapServers;
  private final int redisPort;
  private final int servicePortBase;
  private final String jvm;
  private Duration exitTimeout = Duration.ofSeconds(60);

  private ForkedSystem(Process process, String controlUrl, JsonNode info) {
    this.process = process;
    this.controlUrl = controlUrl;
    this.gateway = info.path("gateway").asString();
    this.bootstrapServers = info.path("bootstrapServers").asString();
    this.redisPort = info.path("redisPort").asInt();
    this.servicePortBase = info.path("servicePortBase").asInt();
    this.jvm = info.path("jvm").asString();
  }

  /**
   * Starts the system and waits until the launcher reports every service up.
   *
   * @param jvmArgs flags for the system's JVM
   * @param properties service properties ({@code --key=value} for every service)
   * @param workDir where the log and the launcher's state go
   */
  public static ForkedSystem start(
      String name, List<String> jvmArgs, Map<String, String> properties, Path workDir)
      throws IOException, InterruptedException {
    return start(name, jvmArgs, properties, workDir, System.getProperty("java.class.path"));
  }

  /**
   * As {@link #start(String, List, Map, Path)}, on the given class path (the AOT cache wants one of
   * jars only).
   */
  public static ForkedSystem start(
      String name,
      List<String> jvmArgs,
      Map<String, String> properties,
      Path workDir,
      String classPath)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    int gatewayPort = freePort();
    int kafkaPort = freeRange(2);
    int servicePortBase =
        freeRange(10); // the services, base + 8 (gateway management), base + 9 (shop)
    int controlPort = freePort();
    int redisPort = freePort();
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmArgs);
    command.add("-Dpassbridge.gateway-port=" + gatewayPort);
    command.add("-Dpassbridge.kafka-port=" + kafkaPort);
    command.add("-Dpassbridge.redis-port=" + redisPort);
    command.add("-Dpassbridge.service-port-base=" + servicePortBase);
    command.add("-Dpassbridge.state-dir=" + workDir.resolve("state-" + name).toAbsolutePath());
    command.add("-cp");
    command.add(classPath);
    command.add(SystemMain.class.getName());
    command.add("--bench.control-port=" + controlPort);
    properties.forEach((k, v) -> command.add("--" + k + "=" + v));
    Path log = workDir.resolve("system-" + name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // glibc gives each thread that allocates its own malloc arena (up to 8 per core) and keeps what
    // was freed in it: two arenas took 35 MB off the RSS of a passkey peak (docs/benchmarks.md); a
    // value set in the environment wins
    builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
    Process process = builder.start();
    String controlUrl = "http://127.0.0.1:" + controlPort;
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the system exited with " + process.exitValue() + " during start-up; see " + log);
      }
      try {
        HttpResponse<String> info =
            client.send(
                HttpRequest.newBuilder(URI.create(controlUrl + "/info"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (info.statusCode() == 200) {
          return new ForkedSystem(process, controlUrl, JSON.readTree(info.body()));
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the system did not start within 10 minutes; see " + log);
  }

  @Override
  public String gatewayUrl() {
    return gateway;
  }

  @Override
  public String serviceUrl(String service) {
    int offset = SERVICES.indexOf(service);
    if (offset < 0 || offset > 3) {
      throw new IllegalArgumentException(service);
    }
    return "http://localhost:" + (servicePortBase + offset);
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public int redisPort() {
    return redisPort;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public long liveHeapAfterGc() {
    return call("/gc").path("heapUsed").asLong();
  }

  @Override
  public long closeServiceAndCollect(String service) {
    return call("/close?service=" + service).path("heapUsed").asLong();
  }

  @Override
  public void startJfr(Path file) {
    call(
        "/jfr/start?file="
            + URLEncoder.encode(file.toAbsolutePath().toString(), StandardCharsets.UTF_8));
  }

  @Override
  public void stopJfr() {
    call("/jfr/stop");
  }

  @Override
  public String jvmDescription() {
    return jvm;
  }

  private JsonNode call(String path) {
    try {
      HttpResponse<String> response =
          control.send(
              HttpRequest.newBuilder(URI.create(controlUrl + path))
                  .timeout(Duration.ofMinutes(2))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " → " + response.statusCode() + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * How long {@link #close()} waits for the JVM to exit by itself (a training run writes its AOT
   * cache on exit, which takes minutes on a busy machine).
   */
  public ForkedSystem exitTimeout(Duration timeout) {
    this.exitTimeout = timeout;
    return this;
  }

  @Override
  public void close() {
    try {
      call("/shutdown");
    } catch (RuntimeException e) {
      // already gone
    }
    try {
      if (!process.waitFor(exitTimeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** A free port, drawn like {@link #freeRange(int)}. */
  public static int freePort() {
    return freeRange(1);
  }

  /** Ports handed out by this JVM: two calls never get the same one before it is bound. */
  private static final java.util.Set<Integer> HANDED_OUT =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * A run of n consecutive free ports, below Linux's ephemeral range (32768 and up): a port from
   * that range can be taken by any client socket (the services' Kafka and Redis connections during
   * a parallel start) between this check and the service's bind, which once failed a run with "Port
   * ... was already in use".
   */
  public static int freeRange(int n) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 10_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(22_000 - n);
      boolean free = true;
      for (int i = 0; i < n && free; i++) {
        free = !HANDED_OUT.contains(base + i) && isFree(base + i);
      }
      if (free) {
        for (int i = 0; i < n; i++) {
          HANDED_OUT.add(base + i);
        }
        return base;
      }
    }
    throw new IllegalStateException("no run of " + n + " free ports");
  }

  static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
