package dev.passbridge.testsupport;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kills redis-server processes left behind by a test JVM that was killed (SIGKILL). */
final class Orphans {
  private Orphans() {}

  static void killRedisOrphans(Path dir) throws IOException {
    try (DirectoryStream<Path> pidFiles = Files.newDirectoryStream(dir, "redis-*.pid")) {
      for (Path pidFile : pidFiles) {
        String owner = pidFile.getFileName().toString().replaceAll("\\D", "");
        boolean ownerAlive =
            !owner.isEmpty()
                && ProcessHandle.of(Long.parseLong(owner))
                    .map(ProcessHandle::isAlive)
                    .orElse(false);
        if (ownerAlive) {
          continue;
        }
        String pid = Files.readString(pidFile).trim();
        if (pid.matches("\\d+")) {
          ProcessHandle.of(Long.parseLong(pid))
              .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false))
              .ifPresent(ProcessHandle::destroyForcibly);
        }
        Files.deleteIfExists(pidFile);
      }
    }
  }
}
