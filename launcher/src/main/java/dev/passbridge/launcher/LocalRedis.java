package dev.passbridge.launcher;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server (the redis-server binary shipped in embedded-redis) on the requested port, or
 * a free one if that port is taken (the machine may run its own Redis on 6379). Its PID goes to a
 * file, so the next start kills an orphan left by a launcher that was killed with SIGKILL.
 *
 * <p>The binary comes from embedded-redis, but this class runs the process itself rather than
 * through embedded-redis' {@code RedisServer}: that one registers a JVM shutdown hook of its own
 * which stops the server at SIGTERM at the same time as the launcher's hook closes the services, so
 * their Redis clients lost the server mid-shutdown (reconnect warnings, and once an event loop
 * error). Owned here, the server stops after the services, in {@link Launcher#close()}.
 *
 * <p>A free port can be taken between the check and the server's bind (another JVM starting at the
 * same time). The server is ready only when the process on the port answers {@code INFO server}
 * with its own process id, not merely when something accepts a connection there (that could be the
 * other program, with our server gone); a server that exits at start gets another free port, up to
 * three times.
 */
final class LocalRedis implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private static final int START_ATTEMPTS = 3;

  private final File binary;
  private final Path pidFile;
  private final Path logFile;
  private volatile int port;
  private Process process;

  LocalRedis(int preferredPort, Path stateDir) throws IOException {
    this(isFree(preferredPort) ? preferredPort : freePort(), LocalRedis::freePort, stateDir);
  }

  /**
   * Starts on {@code firstPort}, or on ports from {@code nextPort} if the server cannot bind it.
   */
  LocalRedis(int firstPort, PortSource nextPort, Path stateDir) throws IOException {
    Files.createDirectories(stateDir);
    pidFile = stateDir.resolve("redis.pid");
    logFile = stateDir.resolve("redis.log");
    killOrphan(pidFile);
    binary = ExecutableProvider.newJarResourceProvider().get();
    port = firstPort;
    for (int attempt = 1; ; attempt++) {
      try {
        start();
        return;
      } catch (ExitedAtStart e) {
        if (attempt == START_ATTEMPTS) {
          throw e;
        }
        int taken = port;
        port = nextPort.get();
        System.out.println(
            "Redis could not use port " + taken + " (taken meanwhile?); trying port " + port);
      }
    }
  }

  /** Where the next port comes from. */
  @FunctionalInterface
  interface PortSource {
    int get() throws IOException;
  }

  /** The server process ended before it answered because its port was taken. */
  static final class ExitedAtStart extends IOException {
    ExitedAtStart(String message) {
      super(message);
    }
  }

  int port() {
    return port;
  }

  /** Stops the server; its data is gone (no persistence), the port stays reserved for a restart. */
  synchronized void stop() throws IOException {
    if (process != null && process.isAlive()) {
      process.destroy(); // SIGTERM: redis-server exits at once (nothing to save)
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    process = null;
  }

  /**
   * Starts the server again on the same port, empty; returns once it answers as itself ({@link
   * #answersAs}). Its output goes to {@code redis.log} in the state directory.
   */
  synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    process =
        new ProcessBuilder(
                binary.getAbsolutePath(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--notify-keyspace-events",
                "",
                "--pidfile",
                pidFile.toAbsolutePath().toString())
            .directory(binary.getParentFile())
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile())
            .start();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!answersAs(port, process.pid())) {
      if (!process.isAlive()) {
        String log = Files.exists(logFile) ? Files.readString(logFile) : "";
        String message =
            "redis-server exited with "
                + process.exitValue()
                + " at start on port "
                + port
                + ": "
                + warnings(log);
        throw log.contains("Address already in use")
            ? new ExitedAtStart(message)
            : new IOException(message);
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IOException(
            "redis-server did not answer on port " + port + " within " + READY_TIMEOUT);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IOException("interrupted while redis-server started", e);
      }
    }
  }

  /** redis-server's warnings (lines with {@code #}), or its last line. */
  private static String warnings(String log) {
    String warnings = log.lines().filter(l -> l.contains(" # ")).collect(Collectors.joining(" | "));
    return warnings.isEmpty()
        ? log.strip().lines().reduce((first, last) -> last).orElse("(no output)")
        : warnings;
  }

  @Override
  public void close() throws IOException {
    stop();
    Files.deleteIfExists(pidFile);
  }

  /**
   * Whether the Redis server on {@code port} is the process {@code pid}: its {@code INFO server}
   * reply names its {@code process_id}. Anything else on the port (no answer, another server)
   * counts as not ready.
   */
  static boolean answersAs(int port, long pid) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 200);
      socket.setSoTimeout(500);
      socket.getOutputStream().write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      BufferedReader reply =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String header = reply.readLine(); // $<length> of the bulk reply
      if (header == null || !header.startsWith("$")) {
        return false;
      }
      // one section of a few dozen lines; a peer that goes on sending lines is not Redis
      String line = reply.readLine();
      for (int read = 0; line != null && !line.isEmpty() && read < 200; read++) {
        if (line.startsWith("process_id:")) {
          return line.substring("process_id:".length()).trim().equals(Long.toString(pid));
        }
        line = reply.readLine();
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  static void killOrphan(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    String pid = Files.readString(pidFile).trim();
    if (pid.matches("\\d+")) {
      ProcessHandle.of(Long.parseLong(pid))
          .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false))
          .ifPresent(
              p -> {
                System.out.println(
                    "Stopping an orphaned redis-server (pid " + pid + ") of an earlier run");
                p.destroyForcibly();
                p.onExit().join();
              });
    }
    Files.deleteIfExists(pidFile);
  }

  static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
