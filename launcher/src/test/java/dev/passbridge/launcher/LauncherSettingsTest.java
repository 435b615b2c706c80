package dev.passbridge.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
    assertThat(
            Launcher.setting(
                "passbridge.gateway-port",
                "8080",
                of(Map.of("passbridge.gateway-port", "")),
                of(Map.of("PASSBRIDGE_GATEWAY_PORT", "9000"))))
        .as("a blank property is not set: the environment is read")
        .isEqualTo("9000");
  }

  @Test
  void settingsUnderWhichTwoPartsNeedOnePortAreRefusedBeforeAnythingStarts() {
    // the gateway on 8090 is the example shop's port (service base 8081 + 9)
    var onTheShopsPort = new Launcher.Settings(8090, 9092, 6379, 8081, Path.of("x"), Map.of());
    assertThatThrownBy(() -> Launcher.checkPorts(onTheShopsPort, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port 8090 would be both the gateway's (passbridge.gateway-port)")
        .hasMessageContaining("the example shop's (passbridge.service-port-base + 9)");
    // without the shop the port is free
    Launcher.checkPorts(onTheShopsPort, false);
    Launcher.checkPorts(
        new Launcher.Settings(9080, 9092, 6379, 8081, Path.of("x"), Map.of()), true);

    var onAService = new Launcher.Settings(8080, 9092, 6379, 8079, Path.of("x"), Map.of());
    assertThatThrownBy(() -> Launcher.checkPorts(onAService, false))
        .hasMessageContaining("port 8080 would be both the gateway's")
        .hasMessageContaining("otp-service's (passbridge.service-port-base + 1)");
    var kafkaController = new Launcher.Settings(8080, 8079, 6379, 8081, Path.of("x"), Map.of());
    assertThatThrownBy(() -> Launcher.checkPorts(kafkaController, false))
        .hasMessageContaining("Kafka's controller (passbridge.kafka-port + 1)");
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
