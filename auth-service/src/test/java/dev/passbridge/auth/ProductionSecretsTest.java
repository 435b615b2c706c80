package dev.passbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.platform.secrets.MissingSecretsException;
import dev.passbridge.testsupport.StartUpToTheSecretsCheck;
import dev.passbridge.testsupport.StartUpToTheSecretsCheck.PassedTheCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * auth-service started as in production (its own configuration file, no profile) without each of
 * its secrets, and with a demo value: the start fails naming the variable, before anything connects
 * (no PostgreSQL, Kafka or Redis here). The local profile needs none of them.
 */
class ProductionSecretsTest {
  static final Map<String, String> SECRETS =
      Map.of(
          "PASSBRIDGE_AUTH_DB_PASSWORD", "db-6f1d9e27c4",
          "PASSBRIDGE_AUTH_KEYS_ENCRYPTIONKEY", "Hq3pVt0m8yXcR2sJ6dL9wB4nE7aG1kZ5oT0uI3fP8vY=",
          "PASSBRIDGE_AUTH_LOGIN_USERNAMEHMACKEY", "MLbwNj6iM3V3hE1RGfYgaG8Ec/h5MlRfTYan5y/0L10=");

  static void start(Map<String, String> variables, String... profiles) {
    StartUpToTheSecretsCheck.start(
        AuthApplication.class, AuthApplication.CONFIG_NAME, variables, profiles);
  }

  static Map<String, String> with(String name, String value) {
    Map<String, String> v = new HashMap<>(SECRETS);
    v.put(name, value);
    return v;
  }

  @Test
  void withEverySecretTheStartGoesOn() {
    assertThatThrownBy(() -> start(SECRETS)).isInstanceOf(PassedTheCheck.class);
  }

  @Test
  void withoutEachSecretTheStartFailsNamingItsVariable() {
    for (String name : SECRETS.keySet()) {
      Map<String, String> without = new HashMap<>(SECRETS);
      without.remove(name);
      assertThatThrownBy(() -> start(without))
          .as(name)
          .isInstanceOf(MissingSecretsException.class)
          .hasMessageContaining(name + " (")
          .hasMessageContaining(": missing");
    }
  }

  @Test
  void anEmptyDatabasePasswordIsMissing() {
    assertThatThrownBy(() -> start(with("PASSBRIDGE_AUTH_DB_PASSWORD", "")))
        .isInstanceOf(MissingSecretsException.class)
        .hasMessageContaining("PASSBRIDGE_AUTH_DB_PASSWORD (spring.datasource.password): missing");
  }

  @Test
  void demoValuesAreRefused() throws IOException {
    // "passbridge" was the file's default database password
    assertThatThrownBy(() -> start(with("PASSBRIDGE_AUTH_DB_PASSWORD", "passbridge")))
        .isInstanceOf(MissingSecretsException.class)
        .hasMessageContaining("PASSBRIDGE_AUTH_DB_PASSWORD (spring.datasource.password): refused");
    assertThatThrownBy(
            () -> start(with("PASSBRIDGE_AUTH_KEYS_ENCRYPTIONKEY", "<openssl rand -base64 32>")))
        .isInstanceOf(MissingSecretsException.class)
        .hasMessageContaining("PASSBRIDGE_AUTH_KEYS_ENCRYPTIONKEY")
        .hasMessageContaining("refused");
    // the local profile's username HMAC key is public: refused anywhere else, as placeholders are
    for (String demo : List.of(localUsernameKey(), "<openssl rand -base64 32>")) {
      assertThatThrownBy(() -> start(with("PASSBRIDGE_AUTH_LOGIN_USERNAMEHMACKEY", demo)))
          .as(demo)
          .isInstanceOf(MissingSecretsException.class)
          .hasMessageContaining(
              "PASSBRIDGE_AUTH_LOGIN_USERNAMEHMACKEY (passbridge.auth.login.username-hmac-key):"
                  + " refused")
          .hasMessageNotContaining(demo);
    }
  }

  /** The key auth-service-local.yml sets. */
  private static String localUsernameKey() throws IOException {
    try (var in = AuthApplication.class.getResourceAsStream("/auth-service-local.yml")) {
      Matcher m =
          Pattern.compile("username-hmac-key: (\\S+)")
              .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertThat(m.find()).as("the local profile sets a username key").isTrue();
      return m.group(1);
    }
  }

  @Test
  void theLocalProfileNeedsNoSecret() {
    assertThatThrownBy(() -> start(Map.of(), "local")).isInstanceOf(PassedTheCheck.class);
  }
}
