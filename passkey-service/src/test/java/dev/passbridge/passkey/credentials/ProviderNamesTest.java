package dev.passbridge.passkey.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class ProviderNamesTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final UUID GOOGLE = UUID.fromString("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4");

  @Test
  void namesKnownProvidersFromTheBundledList() {
    ProviderNames names = new ProviderNames(JSON, "Passkey", null);
    assertThat(names.nameOf(GOOGLE)).isEqualTo("Google Password Manager");
    assertThat(names.nameOf(UUID.fromString("fbfc3007-154e-4ecc-8c0b-6e020557d7bd")))
        .isEqualTo("Apple Passwords");
    assertThat(names.size()).isGreaterThan(40);
  }

  @Test
  void unknownAndAllZeroAaguidsGetTheNeutralName() {
    ProviderNames names = new ProviderNames(JSON, "Passkey", null);
    assertThat(names.nameOf(UUID.randomUUID())).isEqualTo("Passkey");
    assertThat(names.nameOf(new UUID(0, 0))).isEqualTo("Passkey");
    assertThat(names.nameOf(null)).isEqualTo("Passkey");
  }

  @Test
  void aConfiguredFileInTheCommunityFormatReplacesTheListAndIsReReadWhenItChanges(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("aaguid.json");
    Files.writeString(
        file, "{\"" + GOOGLE + "\": {\"name\": \"GPM\", \"icon_dark\": \"data:...\"}}");
    ProviderNames names = new ProviderNames(JSON, "Passkey", file);
    assertThat(names.nameOf(GOOGLE)).isEqualTo("GPM");
    assertThat(names.size()).isEqualTo(1);

    Files.writeString(file, "{\"providers\": {\"" + GOOGLE + "\": \"Google\"}}");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    names.reloadIfChanged();
    assertThat(names.nameOf(GOOGLE)).isEqualTo("Google");

    Files.writeString(file, "not json");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
    names.reloadIfChanged();
    assertThat(names.nameOf(GOOGLE))
        .as("a broken file keeps the last good list")
        .isEqualTo("Google");
  }
}
