package dev.passbridge.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A real Redis server (the redis-server 6.2 binary shipped in embedded-redis) on the requested
 * port, or a free one if that port is taken (the machine may run its own Redis on 6379). Its PID
 * goes to a file, so the next start kills an orphan left by a launcher that was killed with
 * SIGKILL.
 */
final class LocalRedis implements AutoCloseable {
  private final RedisServer server;
  private final int port;
  private final Path pidFile;

  LocalRedis(int preferredPort, Path stateDir) throws IOException {
    Files.createDirectories(stateDir);
    pidFile = stateDir.resolve("redis.pid");
    killOrphan(pidFile);
    port = isFree(preferredPort) ? preferredPort : freePort();
    server =
        RedisServer.newRedisServer()
            .port(port)
            .setting("bind 127.0.0.1")
            .setting("save \"\"")
            .setting("appendonly no")
            .setting("notify-keyspace-events \"\"")
            .setting("pidfile " + pidFile.toAbsolutePath())
            .build();
    server.start();
  }

  int port() {
    return port;
  }

  /** Stops the server; its data is gone (no persistence), the port stays reserved for a restart. */
  synchronized void stop() throws IOException {
    if (server.isActive()) {
      server.stop();
    }
  }

  /** Starts the server again on the same port, empty. */
  synchronized void start() throws IOException {
    if (!server.isActive()) {
      server.start();
    }
  }

  @Override
  public void close() throws IOException {
    server.stop();
    Files.deleteIfExists(pidFile);
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
