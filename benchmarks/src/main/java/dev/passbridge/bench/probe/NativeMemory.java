package dev.passbridge.bench.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JVM's resident memory goes, part by part: the JDK's own Native Memory Tracking (the
 * system JVM runs with {@code -XX:NativeMemoryTracking=summary}), read with {@code jcmd PID
 * VM.native_memory summary}, beside the process's RSS from {@code /proc}. What RSS holds beyond the
 * committed memory NMT knows of (native libraries' own {@code malloc}s, glibc's arenas, the mapped
 * files) is reported as "not tracked by the JVM". Parsing the text is all there is: the JDK has no
 * API for another process's NMT.
 */
public final class NativeMemory {
  private static final Pattern CATEGORY =
      Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB");

  private NativeMemory() {}

  /**
   * Committed bytes per NMT category (largest first), then {@code "RSS"} and {@code "not tracked by
   * the JVM"}; empty when NMT is off in that JVM or jcmd is not there.
   */
  public static Map<String, Long> of(long pid) {
    Map<String, Long> parts = new LinkedHashMap<>();
    String text = jcmd(pid);
    if (text == null) {
      return parts;
    }
    long tracked = 0;
    Map<String, Long> found = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = CATEGORY.matcher(line.trim().startsWith("-") ? line.trim() : "");
      if (m.find()) {
        long committed = Long.parseLong(m.group(3)) * 1024;
        found.put(m.group(1).trim(), committed);
        tracked += committed;
      }
    }
    if (found.isEmpty()) {
      return parts;
    }
    found.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> parts.put(e.getKey(), e.getValue()));
    long rss = ProcStats.rssBytes(pid);
    parts.put("RSS", rss);
    parts.put("not tracked by the JVM", rss < 0 ? -1 : Math.max(0, rss - tracked));
    return parts;
  }

  private static String jcmd(long pid) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      return null;
    }
    try {
      Process p =
          new ProcessBuilder(jcmd.toString(), "" + pid, "VM.native_memory", "summary")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return null;
      }
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
