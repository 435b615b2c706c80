package dev.passbridge.passkey;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.passkey.loginresult.LoginResultKeys;
import dev.passbridge.platform.secrets.MissingSecretsException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * passkey-service started as in production (its own configuration file, no profile) without its
 * database password, and with a demo one: the start fails naming the variable, before anything
 * connects (no PostgreSQL, Kafka or Redis here). The local profile (H2) needs none.
 */
class ProductionSecretsTest {

  /** The check passed: the context is about to be refreshed (and would connect to things). */
  static final class PassedTheCheck extends RuntimeException {}

  static void start(Map<String, String> variables, String... profiles) {
    // the process environment is these variables only (nothing leaks in from the machine's)
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new HashMap<>(variables)));
    new SpringApplicationBuilder(PasskeyApplication.class)
        .environment(environment)
        .web(WebApplicationType.NONE)
        .profiles(profiles)
        .properties("spring.config.name=" + PasskeyApplication.CONFIG_NAME)
        .listeners(
            (ApplicationListener<ApplicationPreparedEvent>)
                event -> {
                  throw new PassedTheCheck();
                })
        .run("--spring.main.banner-mode=off");
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
