package dev.passbridge.passkey;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.passkey.loginresult.LoginResultKeys;
import dev.passbridge.platform.secrets.MissingSecretsException;
import dev.passbridge.testsupport.StartUpToTheSecretsCheck;
import dev.passbridge.testsupport.StartUpToTheSecretsCheck.PassedTheCheck;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * passkey-service started as in production (its own configuration file, no profile) without its
 * database password, and with a demo one: the start fails naming the variable, before anything
 * connects (no PostgreSQL, Kafka or Redis here). The local profile (H2) needs none.
 */
class ProductionSecretsTest {

  static void start(Map<String, String> variables, String... profiles) {
    StartUpToTheSecretsCheck.start(
        PasskeyApplication.class, PasskeyApplication.CONFIG_NAME, variables, profiles);
  }

  static final String LOGIN_RESULT_KEY = LoginResultKeys.generate().signingKey().toJSONString();

  @Test
  void withItsDatabasePasswordAndLoginResultKeyTheStartGoesOn() {
    assertThatThrownBy(
            () ->
                start(
                    Map.of(
                        "PASSBRIDGE_PASSKEY_DB_PASSWORD",
                        "db-0b7e4a19f2",
                        "PASSBRIDGE_LOGIN_RESULT_KEY",
                        LOGIN_RESULT_KEY)))
        .isInstanceOf(PassedTheCheck.class);
  }

  @Test
  void withoutTheLoginResultKeyTheStartFailsNamingIt() {
    assertThatThrownBy(() -> start(Map.of("PASSBRIDGE_PASSKEY_DB_PASSWORD", "db-0b7e4a19f2")))
        .isInstanceOf(MissingSecretsException.class)
        .hasMessageContaining(
            "PASSBRIDGE_LOGIN_RESULT_KEY (passbridge.connect.login-result.signing-key): missing")
        .hasMessageNotContaining("PASSBRIDGE_PASSKEY_DB_PASSWORD");
  }

  @Test
  void withoutItTheStartFailsNamingTheVariable() {
    assertThatThrownBy(() -> start(Map.of()))
        .isInstanceOf(MissingSecretsException.class)
        .hasMessageContaining(
            "PASSBRIDGE_PASSKEY_DB_PASSWORD (spring.datasource.password): missing");
  }

  @Test
  void aDemoPasswordIsRefused() {
    assertThatThrownBy(() -> start(Map.of("PASSBRIDGE_PASSKEY_DB_PASSWORD", "changeme")))
        .isInstanceOf(MissingSecretsException.class)
        .hasMessageContaining(
            "PASSBRIDGE_PASSKEY_DB_PASSWORD (spring.datasource.password): refused")
        .hasMessageNotContaining("changeme");
  }

  @Test
  void theLocalProfileNeedsNoPassword() {
    assertThatThrownBy(() -> start(Map.of(), "local")).isInstanceOf(PassedTheCheck.class);
  }
}
