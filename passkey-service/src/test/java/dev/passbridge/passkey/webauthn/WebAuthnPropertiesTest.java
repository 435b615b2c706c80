package dev.passbridge.passkey.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code passbridge.passkey.*} is checked when the service starts, not at the first ceremony. */
class WebAuthnPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(WebAuthnProperties.class)
  static class Bound {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Bound.class);

  @Test
  void theDefaultsStart() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(WebAuthnProperties.class).ceremonyTtl())
              .isEqualTo(Duration.ofMinutes(5));
        });
  }

  /** Below a second the ceremony's Redis expiry would be {@code PX 0}, which Redis refuses. */
  @Test
  void aCeremonyShorterThanASecondStopsTheStart() {
    for (String ttl : new String[] {"0s", "500ms", "-1s"}) {
      runner
          .withPropertyValues("passbridge.passkey.ceremony-ttl=" + ttl)
          .run(
              context ->
                  assertThat(context)
                      .as(ttl)
                      .getFailure()
                      .rootCause()
                      .hasMessageContaining("ceremonyTtl"));
    }
    runner
        .withPropertyValues("passbridge.passkey.ceremony-ttl=1s")
        .run(context -> assertThat(context).hasNotFailed());
  }

  /** Compared exactly with {@code clientDataJSON.origin}: a spelling no browser sends stops it. */
  @Test
  void anOriginNoBrowserSendsStopsTheStart() {
    runner
        .withPropertyValues("passbridge.passkey.origins=https://login.example.com:443")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("passbridge.passkey.origins")
                    .hasMessageContaining("https://login.example.com:443"));
    runner
        .withPropertyValues("passbridge.passkey.origins=https://login.example.com")
        .run(context -> assertThat(context).hasNotFailed());
  }
}
