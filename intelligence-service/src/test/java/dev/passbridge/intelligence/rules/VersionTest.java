package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionTest {
  @Test
  void parsesDottedAndUnderscoredVersions() {
    assertThat(Version.parse("136.0.7103.114")).hasValue(Version.of("136.0.7103.114"));
    assertThat(Version.parse("10_15_7").orElseThrow()).hasToString("10.15.7");
    assertThat(Version.parse("18.2 beta").orElseThrow()).hasToString("18.2");
  }

  @Test
  void rejectsWhatIsNotAVersion() {
    assertThat(Version.parse(null)).isEmpty();
    assertThat(Version.parse("??")).isEmpty();
    assertThat(Version.parse(">=10.15.7")).isEmpty();
    assertThat(Version.parse("")).isEmpty();
  }

  @Test
  void comparesNumericallyWithMissingPartsAsZero() {
    assertThat(Version.of("136").atLeast(Version.of("136.0"))).isTrue();
    assertThat(Version.of("18.10").atLeast(Version.of("18.9"))).isTrue();
    assertThat(Version.of("9").atLeast(Version.of("18"))).isFalse();
    assertThat(Version.of("18.0")).isEqualTo(Version.of("18")).hasSameHashCodeAs(Version.of("18"));
  }

  @Test
  void prefixesMatchWholeComponents() {
    assertThat(Version.of("137.0.1").startsWith(Version.of("137"))).isTrue();
    assertThat(Version.of("137").startsWith(Version.of("13"))).isFalse();
    assertThat(Version.of("18").startsWith(Version.of("18.1"))).isFalse();
  }
}
