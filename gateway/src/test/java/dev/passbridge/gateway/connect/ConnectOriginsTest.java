package dev.passbridge.gateway.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectOriginsTest {
  static final List<String> BEARER = List.of("Bearer abc");

  @Test
  void clientOriginsCountForTokensOnTheBrowserApiAndForTheLoginOnly() {
    assertThat(ConnectOrigins.ruleFor("/api/passkeys/registrations", BEARER))
        .isEqualTo(ConnectOrigins.Rule.HOSTED_OR_CLIENT);
    assertThat(ConnectOrigins.ruleFor("/api/passkeys", List.of("bearer abc")))
        .isEqualTo(ConnectOrigins.Rule.HOSTED_OR_CLIENT);
    assertThat(ConnectOrigins.ruleFor("/api/passkeys/login/options", List.of()))
        .isEqualTo(ConnectOrigins.Rule.HOSTED_OR_CLIENT);
    assertThat(ConnectOrigins.ruleFor("/api/passkeys/registrations", List.of()))
        .isEqualTo(ConnectOrigins.Rule.HOSTED);
    assertThat(ConnectOrigins.ruleFor("/api/passkeys/x", List.of("Basic abc")))
        .isEqualTo(ConnectOrigins.Rule.HOSTED);
    assertThat(ConnectOrigins.ruleFor("/api/passkeys/x", List.of("Bearer a", "Bearer b")))
        .isEqualTo(ConnectOrigins.Rule.HOSTED);
    assertThat(ConnectOrigins.ruleFor("/api/auth/login", BEARER))
        .isEqualTo(ConnectOrigins.Rule.HOSTED);
    assertThat(ConnectOrigins.ruleFor("/api/passkeysx", BEARER))
        .isEqualTo(ConnectOrigins.Rule.HOSTED);
    assertThat(ConnectOrigins.ruleFor("/connect/v1/login-results/verify", List.of()))
        .isEqualTo(ConnectOrigins.Rule.NONE);
  }

  @Test
  void corsCoversTheBrowserApiAndTheSdkOnly() {
    assertThat(ConnectOrigins.corsPath("/api/passkeys/upgrade")).isTrue();
    assertThat(ConnectOrigins.corsPath("/sdk/v1/passbridge.js")).isTrue();
    assertThat(ConnectOrigins.corsPath("/api/auth/login")).isFalse();
    assertThat(ConnectOrigins.corsPath("/connect/v1/users/a/passkeys")).isFalse();
  }

  @Test
  void relatedOriginsAreTheClientOriginsOutsideTheRpIdsDomain() {
    Set<String> origins =
        Set.of("https://shop.example", "https://login.passbridge.dev", "https://passbridge.dev");
    assertThat(ConnectOrigins.relatedOrigins(origins, "passbridge.dev"))
        .containsExactly("https://shop.example");
    assertThat(ConnectOrigins.relatedOrigins(Set.of("http://localhost:8090"), "localhost"))
        .isEmpty();
  }
}
