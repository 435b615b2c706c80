package dev.passbridge.auth.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The documented defaults, and settings that would hand out a lockout switch refuse to bind. */
class LoginPropertiesTest {

  private static LoginProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("passbridge.auth.login", LoginProperties.class);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    LoginProperties p = bind(Map.of());

    assertThat(p.attemptsPerIp()).isEqualTo(30);
    assertThat(p.failuresBeforeDelay()).isEqualTo(5);
    assertThat(p.initialDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.maxDelay()).isEqualTo(Duration.ofMinutes(15));
    assertThat(p.pairMemory()).isEqualTo(Duration.ofHours(24));
    assertThat(p.failuresPerUsername()).isEqualTo(10);
    assertThat(p.usernameWindow()).isEqualTo(Duration.ofMinutes(15));
    assertThat(p.deviceTtl()).isEqualTo(Duration.ofDays(90));
    assertThat(p.knownAddressTtl()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void theUsernameKeyHasNoDefaultIsCheckedAndNeverPrinted() {
    assertThat(bind(Map.of()).usernameHmacKey()).as("no default").isNull();
    String key = "Neg8MWhJ5Yy24jYsTWMciZmek9n1MAV6qeFPzJxa+Jk=";
    LoginProperties p = bind(Map.of("passbridge.auth.login.username-hmac-key", key));

    assertThat(p.usernameDigest().of("alice"))
        .isEqualTo(new UsernameDigest(java.util.Base64.getDecoder().decode(key)).of("alice"));
    assertThat(p.toString()).doesNotContain(key).contains("usernameHmacKey=<redacted>");
    assertThatThrownBy(
            () -> bind(Map.of("passbridge.auth.login.username-hmac-key", "c2hvcnQga2V5")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("username-hmac-key must decode to at least 32 bytes");
  }

  @Test
  void refusesSettingsWhereOneAddressCouldShutOutEveryStranger() {
    assertThatThrownBy(
            () ->
                bind(
                    Map.of(
                        "passbridge.auth.login.failures-before-delay", "10",
                        "passbridge.auth.login.failures-per-username", "10")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("failures-before-delay");
  }

  @Test
  void refusesABackOffThatForgetsBeforeItEndsOrShrinks() {
    assertThatThrownBy(() -> bind(Map.of("passbridge.auth.login.pair-memory", "10m")))
        .rootCause()
        .hasMessageContaining("pair-memory");
    assertThatThrownBy(() -> bind(Map.of("passbridge.auth.login.max-delay", "1s")))
        .rootCause()
        .hasMessageContaining("max-delay");
    assertThatThrownBy(() -> bind(Map.of("passbridge.auth.login.known-address-ttl", "-1s")))
        .rootCause()
        .hasMessageContaining("known-address-ttl");
  }
}
