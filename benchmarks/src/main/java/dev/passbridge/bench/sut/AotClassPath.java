package dev.passbridge.bench.sut;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A class path the JDK's AOT cache accepts: the cache (like CDS) takes classes from jar files only,
 * so each directory of the given class path (a module's {@code target/classes}) is packed into a
 * jar of its own. Written here rather than with a build plugin because the benchmark's own classes
 * are such a directory while it runs.
 */
public final class AotClassPath {
  private AotClassPath() {}

  /** The class path with every directory replaced by a jar of it in {@code jars}. */
  public static String of(String classPath, Path jars) throws IOException {
    Files.createDirectories(jars);
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path p = Path.of(entry);
      if (Files.isDirectory(p)) {
        Path jar = jars.resolve("dir-" + n++ + ".jar");
        pack(p, jar);
        entries.add(jar.toAbsolutePath().toString());
      } else if (Files.isRegularFile(p)) {
        entries.add(p.toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  static void pack(Path dir, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = dir.relativize(f).toString().replace(File.separatorChar, '/');
        if (name.isEmpty()) {
          continue;
        }
        if (Files.isDirectory(f)) {
          out.putNextEntry(new JarEntry(name + "/"));
          out.closeEntry();
        } else {
          out.putNextEntry(new JarEntry(name));
          Files.copy(f, out);
          out.closeEntry();
        }
      }
    }
  }
}
