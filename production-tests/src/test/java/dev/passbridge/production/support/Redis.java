package dev.passbridge.production.support;

import dev.passbridge.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A real Redis server process (embedded-redis's redis-server binary) on a free port, with a
 * password as a deployment has one; stopped by its pid (from its pid file) at the end.
 */
public final class Redis {
  private final int port = TestInfrastructure.freePort();
  private final Path pidFile;
  private final RedisServer server;

  public Redis(Path dir, String password) throws IOException {
    Files.createDirectories(dir);
    pidFile = dir.resolve("redis-" + port + ".pid").toAbsolutePath();
    server =
        RedisServer.newRedisServer()
            .port(port)
            .setting("bind 127.0.0.1")
            .setting("save \"\"")
            .setting("appendonly no")
            .setting("requirepass " + password)
            .setting("pidfile " + pidFile)
            .build();
    server.start();
    Cleanup.onEnd(this::stop);
  }

  public int port() {
    return port;
  }

  private void stop() {
    try {
      if (Files.exists(pidFile)) {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      server.stop();
    } catch (IOException | RuntimeException e) {
      System.err.println("redis stop: " + e);
    }
  }
}
