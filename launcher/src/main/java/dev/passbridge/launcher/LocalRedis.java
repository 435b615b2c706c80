package dev.passbridge.launcher;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 */
final class LocalRedis implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private final File binary;
  private final int port;
  private final Path pidFile;
  private Process process;

  LocalRedis(int preferredPort, Path stateDir) throws IOException {
    Files.createDirectories(stateDir);
    pidFile = stateDir.resolve("redis.pid");
    killOrphan(pidFile);
    port = isFree(preferredPort) ? preferredPort : freePort();
    binary = ExecutableProvider.newJarResourceProvider().get();
    start();
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

  /** Starts the server again on the same port, empty; returns once it accepts connections. */
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
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!accepts(port)) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited with " + process.exitValue() + " at start");
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IOException("redis-server did not accept connections within " + READY_TIMEOUT);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while redis-server started", e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    stop();
    Files.deleteIfExists(pidFile);
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 200);
      return true;
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
