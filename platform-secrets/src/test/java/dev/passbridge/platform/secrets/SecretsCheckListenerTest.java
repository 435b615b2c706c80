package dev.passbridge.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;

/**
 * The listener in a real {@link SpringApplication} (found through spring.factories): it stops the
 * start before the context is refreshed, and lets the local profile through.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsCheckListenerTest {

  @Configuration(proxyBeanMethods = false)
  static class Empty {}

  /** Thrown once the check has passed: the context was prepared and is about to refresh. */
  static final class Refreshing extends RuntimeException {}

  static SpringApplication application(Map<String, Object> properties, String... profiles) {
    SpringApplication application = new SpringApplication(Empty.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setAdditionalProfiles(profiles);
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("spring.config.name", "no-such-config");
    all.put("spring.application.name", "demo-service");
    all.put("spring.main.banner-mode", "off");
    all.put(
        "passbridge.secrets.required",
        "demo.api-key, demo.db-password env DEMO_DB_PASSWORD, demo.token when demo.mode=remote");
    all.putAll(properties);
    application.setDefaultProperties(all);
    application.addListeners(
        (ApplicationListener<ApplicationPreparedEvent>)
            event -> {
              throw new Refreshing();
            });
    return application;
  }

  @Test
  void withoutItsSecretsTheStartFailsNamingEveryVariable(CapturedOutput output) {
    assertThatThrownBy(
            () -> application(Map.of("demo.mode", "remote", "demo.api-key", "demo")).run())
        .isInstanceOfSatisfying(
            MissingSecretsException.class,
            e ->
                assertThat(e.environmentVariables())
                    .containsExactly("DEMO_APIKEY", "DEMO_DB_PASSWORD", "DEMO_TOKEN"))
        .hasMessageContaining("demo-service will not start");
    // the failure analyzer's report, without a stack trace
    assertThat(output).contains("APPLICATION FAILED TO START").contains("DEMO_DB_PASSWORD");
  }

  @Test
  void withRealValuesTheStartGoesOn() {
    assertThatThrownBy(
            () ->
                application(
                        Map.of(
                            "demo.api-key", "k-5b1e0c",
                            "demo.db-password", "p-77a1f0",
                            "demo.mode", "embedded"))
                    .run())
        .isInstanceOf(Refreshing.class);
  }

  @Test
  void theLocalProfileIsNotChecked() {
    assertThatThrownBy(() -> application(Map.of(), "local").run()).isInstanceOf(Refreshing.class);
  }

  @Test
  void anUnresolvablePlaceholderIsMissing() {
    assertThatThrownBy(
            () ->
                application(
                        Map.of(
                            "demo.api-key", "${NO_SUCH_VARIABLE_ANYWHERE}",
                            "demo.db-password", "p-77a1f0"))
                    .run())
        .isInstanceOfSatisfying(
            MissingSecretsException.class,
            e -> assertThat(e.environmentVariables()).containsExactly("DEMO_APIKEY"));
  }

  private static final String DEMO_CONNECT_HASH =
      "sha256:180742cbe56577804d7d0811e5c4ce631638a8e6fe46b131f34e284a4d04198d";

  private static Map<String, Object> realSecretsAnd(Map<String, Object> more) {
    Map<String, Object> all = new LinkedHashMap<>(more);
    all.put("demo.api-key", "k-5b1e0c");
    all.put("demo.db-password", "p-77a1f0");
    return all;
  }

  @Test
  void theDemoConnectClientSecretIsRefusedOutsideTheLocalProfile() {
    Map<String, Object> demoClient =
        realSecretsAnd(
            Map.of(
                "passbridge.connect.clients[0].client-id",
                "partner",
                "passbridge.connect.clients[0].secret-hashes[0]",
                "sha256:" + "ab".repeat(32),
                "passbridge.connect.clients[1].client-id",
                "shop",
                "passbridge.connect.clients[1].secret-hashes[0]",
                "sha256:" + "cd".repeat(32),
                "passbridge.connect.clients[1].secret-hashes[1]",
                DEMO_CONNECT_HASH));
    assertThatThrownBy(() -> application(demoClient).run())
        .isInstanceOfSatisfying(
            MissingSecretsException.class,
            e ->
                assertThat(e.environmentVariables())
                    .containsExactly("PASSBRIDGE_CONNECT_CLIENTS_1_SECRETHASHES_1"))
        .hasMessageNotContaining(DEMO_CONNECT_HASH);
    assertThatThrownBy(() -> application(demoClient, "local").run()).isInstanceOf(Refreshing.class);
  }

  @Test
  void aRealConnectClientSecretHashLetsTheStartGoOn() {
    assertThatThrownBy(
            () ->
                application(
                        realSecretsAnd(
                            Map.of(
                                "passbridge.connect.clients[0].client-id",
                                "shop",
                                "passbridge.connect.clients[0].secret-hashes",
                                "sha256:" + "ab".repeat(32))))
                    .run())
        .isInstanceOf(Refreshing.class);
  }
}
