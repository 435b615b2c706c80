package dev.passbridge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.platform.secrets.MissingSecretsException;
import dev.passbridge.testsupport.StartUpToTheSecretsCheck;
import dev.passbridge.testsupport.StartUpToTheSecretsCheck.PassedTheCheck;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The gateway started as in production (gateway.yml, no profile) runs the services' secrets check
 * before anything connects (no Redis or services here): a Connect client with the demo client's
 * secret hash, or a Redis password that is a demo value or placeholder, stops the start naming the
 * variable, never the value. Redis without authentication needs no password. The local profile
 * takes the demo client.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionSecretsTest {
  /** sha256 of {@code shop-local-secret}, the demo client of gateway-local.yml */
  static final String DEMO_CONNECT_HASH =
      "sha256:180742cbe56577804d7d0811e5c4ce631638a8e6fe46b131f34e284a4d04198d";

  static final String REDIS_PASSWORD = "SPRING_DATA_REDIS_PASSWORD";
  static final String CLIENT_HASH = "PASSBRIDGE_CONNECT_CLIENTS_0_SECRETHASHES_0";

  static void start(Map<String, String> variables, String... profiles) {
    StartUpToTheSecretsCheck.start(
        GatewayApplication.class, GatewayApplication.CONFIG_NAME, variables, profiles);
  }

  /** One Connect client (as an operator configures it through the environment) with this hash. */
  static Map<String, String> connectClientWith(String secretHash) {
    Map<String, String> v = new HashMap<>();
    v.put("PASSBRIDGE_CONNECT_CLIENTS_0_CLIENTID", "shop");
    v.put(CLIENT_HASH, secretHash);
    v.put("PASSBRIDGE_CONNECT_CLIENTS_0_ORIGINS_0", "https://shop.example");
    return v;
  }

  @Test
  void theDemoConnectClientSecretIsRefusedOutsideTheLocalProfile() {
    assertThatThrownBy(() -> start(connectClientWith(DEMO_CONNECT_HASH)))
        .isInstanceOfSatisfying(
            MissingSecretsException.class,
            e -> assertThat(e.environmentVariables()).containsExactly(CLIENT_HASH))
        .hasMessageStartingWith("gateway will not start outside the local profile")
        .hasMessageContaining(
            CLIENT_HASH + " (passbridge.connect.clients[0].secret-hashes[0]): refused")
        .hasMessageNotContaining(DEMO_CONNECT_HASH.substring("sha256:".length()));
    // the local profile's demo client, and a client with its own secret, start
    assertThatThrownBy(() -> start(connectClientWith(DEMO_CONNECT_HASH), "local"))
        .isInstanceOf(PassedTheCheck.class);
    assertThatThrownBy(() -> start(connectClientWith("sha256:" + "3e".repeat(32))))
        .isInstanceOf(PassedTheCheck.class);
  }

  @Test
  void aDemoOrPlaceholderRedisPasswordIsRefused() {
    for (String demo : new String[] {"changeme", "passbridge", "<redis password>"}) {
      assertThatThrownBy(() -> start(Map.of(REDIS_PASSWORD, demo)))
          .as(demo)
          .isInstanceOfSatisfying(
              MissingSecretsException.class,
              e -> assertThat(e.environmentVariables()).containsExactly(REDIS_PASSWORD))
          .hasMessageContaining(REDIS_PASSWORD + " (spring.data.redis.password): refused")
          .hasMessageNotContaining(demo);
    }
    // Redis without authentication (docker-compose.yml, deploy/k8s) needs none; a real one starts
    assertThatThrownBy(() -> start(Map.of())).isInstanceOf(PassedTheCheck.class);
    assertThatThrownBy(() -> start(Map.of(REDIS_PASSWORD, "r-8f2c41d0e97a")))
        .isInstanceOf(PassedTheCheck.class);
    assertThatThrownBy(() -> start(Map.of(REDIS_PASSWORD, "changeme"), "local"))
        .isInstanceOf(PassedTheCheck.class);
  }

  @Test
  void everyProblemIsReportedInOneFailureWithoutItsValue(CapturedOutput output) {
    Map<String, String> both = connectClientWith(DEMO_CONNECT_HASH);
    both.put(REDIS_PASSWORD, "password");

    assertThatThrownBy(() -> start(both))
        .isInstanceOfSatisfying(
            MissingSecretsException.class,
            e -> assertThat(e.environmentVariables()).containsExactly(REDIS_PASSWORD, CLIENT_HASH));
    // the failure analyzer's report: the variables, no value, no stack trace
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains(REDIS_PASSWORD + " (spring.data.redis.password): refused")
        .contains(CLIENT_HASH)
        .doesNotContain(DEMO_CONNECT_HASH.substring("sha256:".length()))
        .doesNotContain("MissingSecretsException");
  }
}
