package dev.passbridge.bench.sut;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotClassPathTest {

  @Test
  void directoriesBecomeJarsAndJarsStay(@TempDir Path tmp) throws Exception {
    Path classes = tmp.resolve("classes");
    Files.createDirectories(classes.resolve("a/b"));
    Files.writeString(classes.resolve("a/b/C.class"), "not really a class");
    Path lib = tmp.resolve("lib.jar");
    Files.writeString(lib, "a jar");
    String cp =
        AotClassPath.of(
            classes + File.pathSeparator + lib + File.pathSeparator + tmp.resolve("missing.jar"),
            tmp.resolve("jars"));

    String[] entries = cp.split(File.pathSeparator);
    assertThat(entries).hasSize(2);
    assertThat(entries[0]).endsWith(".jar").startsWith(tmp.resolve("jars").toString());
    assertThat(entries[1]).isEqualTo(lib.toAbsolutePath().toString());
    try (JarFile jar = new JarFile(entries[0])) {
      assertThat(new String(jar.getInputStream(jar.getEntry("a/b/C.class")).readAllBytes()))
          .isEqualTo("not really a class");
    }
  }
}
