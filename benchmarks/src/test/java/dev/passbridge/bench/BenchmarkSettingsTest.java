package dev.passbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchmarkSettingsTest {

  @Test
  void defaultsAreTheFullRun() {
    BenchmarkSettings s = BenchmarkSettings.parse();
    assertThat(s.phases()).containsExactlyInAnyOrderElementsOf(BenchmarkSettings.ALL_PHASES);
    assertThat(s.inProcess()).isFalse();
    assertThat(s.systemJvm())
        .contains("-Xmx512m", "-XX:NativeMemoryTracking=summary", "-XX:CICompilerCount=3")
        .noneMatch(f -> f.contains("TieredStopAtLevel"));
    assertThat(s.duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.usersOf("password") + s.usersOf("upgrade") + s.usersOf("passkey"))
        .isEqualTo(s.users());
  }

  @Test
  void argumentsOverrideTheDefaults() {
    BenchmarkSettings s =
        BenchmarkSettings.parse(
            "--duration=20",
            "--concurrency=8",
            "--users=100",
            "--phases=password, passkey",
            "--mix=password:1,passkey:3",
            "--sut-jvm=\"-XX:+UseSerialGC -Xmx512m\"",
            "--jfr=true",
            "");
    assertThat(s.duration()).isEqualTo(Duration.ofSeconds(20));
    assertThat(s.concurrency()).isEqualTo(8);
    assertThat(s.phases()).containsExactlyInAnyOrder("password", "passkey");
    assertThat(s.mix()).containsEntry("passkey", 3).containsEntry("password", 1);
    assertThat(s.systemJvm()).containsExactly("-XX:+UseSerialGC", "-Xmx512m");
    assertThat(s.jfr()).isTrue();
    assertThat(s.usersOf("password")).isEqualTo(40);
  }

  @Test
  void keycloakIsPassbridgeAtItsParametersAndKeycloakItself() {
    BenchmarkSettings both = BenchmarkSettings.parse("--phases=keycloak", "--keycloak-dist=/x.zip");
    assertThat(both.runs("keycloak-params")).isTrue();
    assertThat(both.runs("keycloak-server")).isTrue();
    assertThat(both.keycloakDist()).isEqualTo(java.nio.file.Path.of("/x.zip"));
    BenchmarkSettings server = BenchmarkSettings.parse("--phases=keycloak-server");
    assertThat(server.runs("keycloak-server")).isTrue();
    assertThat(server.runs("keycloak-params")).isFalse();
    assertThat(server.runs("keycloak")).isTrue(); // its Argon2id baselines
    assertThat(server.keycloakDist()).isNull();
    assertThat(BenchmarkSettings.parse("--phases=password").runs("keycloak")).isFalse();
  }

  @Test
  void theAotCacheIsComparedByDefaultAndUsedForTheMeasuredSystemsOnlyWhenAsked() {
    BenchmarkSettings defaults = BenchmarkSettings.parse();
    assertThat(defaults.runs("aot")).isTrue();
    assertThat(defaults.aotRounds()).isEqualTo(2);
    assertThat(defaults.useAotCache()).isFalse();
    BenchmarkSettings s = BenchmarkSettings.parse("--aot-rounds=3", "--use-aot-cache=true");
    assertThat(s.aotRounds()).isEqualTo(3);
    assertThat(s.useAotCache()).isTrue();
  }

  @Test
  void rejectsArgumentsThatAreNotKeyValue() {
    assertThatThrownBy(() -> BenchmarkSettings.parse("duration"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
