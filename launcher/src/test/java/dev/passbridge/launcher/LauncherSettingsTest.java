package dev.passbridge.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Where a launcher setting comes from ({@link Launcher#setting}). */
class LauncherSettingsTest {
  static final UnaryOperator<String> NONE = name -> null;

  static UnaryOperator<String> of(Map<String, String> values) {
    return values::get;
  }

  @Test
  void theSystemPropertyComesFirstThenTheEnvironmentThenTheDefault() {
    var environment = of(Map.of("PASSBRIDGE_GATEWAY_PORT", "9000"));
    assertThat(
            Launcher.setting(
                "passbridge.gateway-port",
                "8080",
                of(Map.of("passbridge.gateway-port", "9100")),
                environment))
        .isEqualTo("9100");
    assertThat(Launcher.setting("passbridge.gateway-port", "8080", NONE, environment))
        .isEqualTo("9000");
    assertThat(Launcher.setting("passbridge.gateway-port", "8080", NONE, NONE)).isEqualTo("8080");
    assertThat(
            Launcher.setting(
                "passbridge.gateway-port",
                "8080",
                NONE,
                of(Map.of("PASSBRIDGE_GATEWAY_PORT", " "))))
        .as("blank")
        .isEqualTo("8080");
  }

  /**
   * The services' settings follow Spring Boot's relaxed binding, where dashes disappear; an
   * operator who writes the launcher's the same way is heard too (an outside probe's {@code
   * PASSBRIDGE_EXAMPLESHOP=false} was ignored).
   */
  @Test
  void theEnvironmentVariableMayAlsoDropTheDashesAsSpringBootsRelaxedNamesDo() {
    assertThat(
            Launcher.setting(
                "passbridge.example-shop",
                "true",
                NONE,
                of(Map.of("PASSBRIDGE_EXAMPLESHOP", "false"))))
        .isEqualTo("false");
    assertThat(
            Launcher.setting(
                "passbridge.service-port-base",
                "8081",
                NONE,
                of(Map.of("PASSBRIDGE_SERVICEPORTBASE", "18081"))))
        .isEqualTo("18081");
    // both set: the name with underscores wins, as the README lists it
    assertThat(
            Launcher.setting(
                "passbridge.example-shop",
                "true",
                NONE,
                of(Map.of("PASSBRIDGE_EXAMPLE_SHOP", "true", "PASSBRIDGE_EXAMPLESHOP", "false"))))
        .isEqualTo("true");
  }
}
