package dev.passbridge.bench.keycloak;

import dev.passbridge.bench.load.BenchUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keycloak as its distribution ships ({@code org.keycloak:keycloak-quarkus-dist}, resolved by Maven
 * in the {@code benchmark} profile), unpacked into the benchmark's work directory and started with
 * {@code kc.sh start-dev} (dev-file H2 database, local caches, no TLS) on free ports, with Argon2id
 * at the given parameters. A realm, a public client allowed the OAuth 2 password grant and the
 * benchmark's users are made through its admin REST API.
 *
 * <p>{@code kc.sh} runs Java as its child, and after the first start's re-augmentation {@code
 * exec}s it; every process of its tree is recorded while it runs and stopped by pid on {@link
 * #close()} (TERM, then KILL for whatever is left after 30 s).
 */
public final class KeycloakServer implements AutoCloseable {
  public static final String REALM = "bench";
  public static final String CLIENT = "bench-ropc";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process script;
  private final Set<Long> pids = Collections.synchronizedSet(new LinkedHashSet<>());
  private final String url;
  private final String version;
  private final Map<String, String> options;
  private final String adminPassword;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final PrintStream out;
  private String adminToken;
  private long adminTokenNanos;

  private KeycloakServer(
      Process script,
      String url,
      String version,
      Map<String, String> options,
      String adminPassword,
      PrintStream out) {
    this.script = script;
    this.url = url;
    this.version = version;
    this.options = options;
    this.adminPassword = adminPassword;
    this.out = out;
    pids.add(script.pid());
  }

  /**
   * Unpacks the distribution into {@code workDir/keycloak-<version>} (a fresh copy every time, so
   * its dev database starts empty), starts it and waits until its master realm answers.
   *
   * @param distribution the distribution's zip
   * @param javaHome the JDK to run it on (one Keycloak supports: 21 or 25)
   * @param heap the JVM heap flags ({@code JAVA_OPTS_KC_HEAP}); empty for Keycloak's defaults
   */
  public static KeycloakServer start(
      Path distribution,
      Path workDir,
      Path javaHome,
      List<String> heap,
      int memoryKib,
      int iterations,
      PrintStream out)
      throws IOException, InterruptedException {
    Path home = unpack(distribution, workDir);
    String version = home.getFileName().toString().replace("keycloak-", "");
    int httpPort = freePort();
    int managementPort = freePort();
    Map<String, String> options = new LinkedHashMap<>();
    options.put("http-port", "" + httpPort);
    options.put("http-management-port", "" + managementPort);
    options.put("spi-password-hashing--argon2--type", "id");
    options.put("spi-password-hashing--argon2--version", "1.3");
    options.put("spi-password-hashing--argon2--memory", "" + memoryKib);
    options.put("spi-password-hashing--argon2--iterations", "" + iterations);
    options.put("spi-password-hashing--argon2--parallelism", "1");
    options.put("spi-password-hashing--argon2--hash-length", "32");
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/kc.sh").toString());
    command.add("start-dev");
    options.forEach((k, v) -> command.add("--" + k + "=" + v));
    String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(workDir.resolve("keycloak.log").toFile());
    builder.environment().put("JAVA_HOME", javaHome.toString());
    builder.environment().remove("JAVA_OPTS");
    builder.environment().remove("JAVA");
    if (!heap.isEmpty()) {
      builder.environment().put("JAVA_OPTS_KC_HEAP", String.join(" ", heap));
    }
    builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    Process script = builder.start();
    KeycloakServer server =
        new KeycloakServer(
            script, "http://localhost:" + httpPort, version, options, adminPassword, out);
    try {
      server.awaitUp(Duration.ofMinutes(8), workDir.resolve("keycloak.log"));
    } catch (IOException | RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The distribution's version, e.g. {@code 26.7.3}. */
  public String version() {
    return version;
  }

  public String url() {
    return url;
  }

  /** The options given to {@code kc.sh start-dev}. */
  public Map<String, String> options() {
    return options;
  }

  /** The Keycloak JVM (the script's child, or the script itself once it {@code exec}ed Java). */
  public long pid() {
    ProcessHandle root = script.toHandle();
    recordTree();
    if (isJava(root)) {
      return root.pid();
    }
    return root.descendants()
        .filter(KeycloakServer::isJava)
        .map(ProcessHandle::pid)
        .findFirst()
        .orElse(root.pid());
  }

  /** How its JVM runs: its command line's JVM flags (no arguments, no class path). */
  public String jvmDescription() {
    return ProcessHandle.of(pid())
        .flatMap(p -> p.info().arguments())
        .map(
            args -> {
              List<String> flags = new ArrayList<>();
              for (String a : args) {
                if (a.equals("-cp")) {
                  break;
                }
                if (a.startsWith("-X") || a.startsWith("-XX")) {
                  flags.add(a);
                }
              }
              return "Keycloak " + version + " (kc.sh start-dev): " + String.join(" ", flags);
            })
        .orElse("Keycloak " + version);
  }

  private static boolean isJava(ProcessHandle p) {
    return p.info().command().map(c -> c.endsWith("/java")).orElse(false);
  }

  private void recordTree() {
    pids.add(script.pid());
    script.toHandle().descendants().forEach(d -> pids.add(d.pid()));
  }

  private void awaitUp(Duration timeout, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      recordTree();
      if (!script.isAlive()) {
        throw new IllegalStateException(
            "Keycloak exited with " + script.exitValue() + " during start-up; see " + log);
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/realms/master"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(
        "Keycloak did not start within " + timeout.toMinutes() + " minutes; see " + log);
  }

  // ---------------------------------------------------------------- admin REST API

  /**
   * The realm ({@code hashAlgorithm(argon2)}: the provider's parameters are the server options) and
   * a public client that may use the password grant (Resource Owner Password Credentials).
   */
  public void createRealmAndClient() throws IOException, InterruptedException {
    admin(
        "POST",
        "/admin/realms",
        Map.of(
            "realm",
            REALM,
            "enabled",
            true,
            "sslRequired",
            "none",
            "bruteForceProtected",
            false,
            "passwordPolicy",
            "hashAlgorithm(argon2)"),
        201);
    admin(
        "POST",
        "/admin/realms/" + REALM + "/clients",
        Map.of(
            "clientId",
            CLIENT,
            "enabled",
            true,
            "publicClient",
            true,
            "directAccessGrantsEnabled",
            true,
            "standardFlowEnabled",
            false,
            "webOrigins",
            List.of("*")),
        201);
  }

  /**
   * Creates {@code count} enabled users with complete profiles (so no required action stands
   * between them and a password grant), {@code parallel} at a time.
   */
  public List<BenchUser> createUsers(int count, int parallel, String runId)
      throws InterruptedException {
    List<BenchUser> users = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    SecureRandom random = new SecureRandom();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < parallel; w++) {
        futures.add(
            workers.submit(
                () -> {
                  int n;
                  while ((n = next.getAndIncrement()) < count) {
                    String username = "bench.kc" + n + "." + runId;
                    String password = "Bench-" + Long.toString(random.nextLong() >>> 1, 36) + "-pw";
                    admin(
                        "POST",
                        "/admin/realms/" + REALM + "/users",
                        Map.of(
                            "username",
                            username,
                            "enabled",
                            true,
                            "email",
                            username + "@bench.passbridge.dev",
                            "emailVerified",
                            true,
                            "firstName",
                            "Bench",
                            "lastName",
                            "User " + n,
                            "credentials",
                            List.of(
                                Map.of("type", "password", "value", password, "temporary", false))),
                        201);
                    users.add(new BenchUser(username, password, null, BenchUser.Kind.PASSWORD));
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("creating Keycloak users failed: " + e.getCause(), e);
        }
      }
    }
    users.sort(Comparator.comparing(BenchUser::username));
    return users;
  }

  /**
   * The stored hash's parameters of a user's password credential, as Keycloak reports them (so the
   * report shows the parameters Keycloak really used, not the ones asked for).
   */
  public String credentialParameters(String username) throws IOException, InterruptedException {
    JsonNode found =
        admin(
            "GET",
            "/admin/realms/"
                + REALM
                + "/users?exact=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8),
            null,
            200);
    String id = found.path(0).path("id").asString();
    JsonNode credentials =
        admin("GET", "/admin/realms/" + REALM + "/users/" + id + "/credentials", null, 200);
    JsonNode data = JSON.readTree(credentials.path(0).path("credentialData").asString());
    return data.toString();
  }

  private JsonNode admin(String method, String path, Object body, int expected)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url + path))
            .timeout(Duration.ofMinutes(2))
            .header("Authorization", "Bearer " + adminToken())
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    }
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IllegalStateException(
          method + " " + path + " → " + r.statusCode() + " " + r.body());
    }
    return r.body().isBlank() ? JSON.missingNode() : JSON.readTree(r.body());
  }

  /** The admin's access token (the master realm's tokens live 60 s: renewed after 30). */
  private synchronized String adminToken() throws IOException, InterruptedException {
    if (adminToken != null && System.nanoTime() - adminTokenNanos < 30_000_000_000L) {
      return adminToken;
    }
    String form =
        "grant_type=password&client_id=admin-cli&username=admin&password="
            + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("Keycloak admin token → " + r.statusCode() + " " + r.body());
    }
    adminToken = JSON.readTree(r.body()).path("access_token").asString();
    adminTokenNanos = System.nanoTime();
    return adminToken;
  }

  // ---------------------------------------------------------------- process

  /** Stops every process of the tree by the pids recorded: TERM, then KILL after 30 s. */
  @Override
  public void close() {
    if (script.isAlive()) {
      recordTree();
    }
    List<ProcessHandle> alive =
        pids.stream().map(ProcessHandle::of).flatMap(java.util.Optional::stream).toList();
    // the JVM first (the script forwards TERM to it and waits), then the script
    alive.stream().filter(KeycloakServer::isJava).forEach(ProcessHandle::destroy);
    alive.stream().filter(p -> !isJava(p)).forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (ProcessHandle p : alive) {
      while (p.isAlive() && System.nanoTime() < deadline) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      if (p.isAlive()) {
        out.println("  Keycloak process " + p.pid() + " did not stop on TERM: killed");
        p.destroyForcibly();
      }
    }
  }

  // ---------------------------------------------------------------- distribution

  /** Unpacks the zip into {@code workDir}, replacing an earlier copy; returns its home. */
  static Path unpack(Path zip, Path workDir) throws IOException {
    Files.createDirectories(workDir);
    Path home = null;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path target = workDir.resolve(e.getName()).normalize();
        if (!target.startsWith(workDir.normalize())) {
          throw new IOException("zip entry outside the target: " + e.getName());
        }
        if (home == null) {
          home = workDir.resolve(Path.of(e.getName()).getName(0)).normalize();
          deleteTree(home);
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          copy(in, target);
          if (target.getFileName().toString().endsWith(".sh")) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
        }
      }
    }
    if (home == null || !Files.isExecutable(home.resolve("bin/kc.sh"))) {
      throw new IOException(zip + " is not a Keycloak distribution (no bin/kc.sh)");
    }
    return home;
  }

  private static void copy(InputStream in, Path target) throws IOException {
    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static int freePort() {
    return dev.passbridge.bench.sut.ForkedSystem.freePort();
  }
}
