package dev.passbridge.passkey.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.passkey.PasskeyApplication;
import dev.passbridge.passkey.erasure.UserErasure;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
import dev.passbridge.passkey.upgrade.UpgradeService;
import dev.passbridge.testsupport.TestInfrastructure;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The local profile as the launcher runs it: H2 in PostgreSQL mode, the same Flyway migrations, the
 * outbox table included.
 */
class LocalProfileIT {

  @Test
  void theLocalProfileRunsOnH2WithTheSameMigrations() {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(PasskeyApplication.class, TestSessions.class)
            .profiles("local")
            .run(
                "--spring.config.name=passkey-service",
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.data.redis.port=" + TestInfrastructure.redisPort(),
                "--spring.datasource.url=jdbc:h2:mem:passkey-local-it;MODE=PostgreSQL;"
                    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")) {
      JdbcClient jdbc = context.getBean(JdbcClient.class);
      assertThat(
              jdbc.sql(
                      "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")
                  .query(Long.class)
                  .single())
          .isEqualTo(5);
      UUID userId = UUID.randomUUID();
      String loginId = IntegrationTestBase.loginId();
      context
          .getBean(UpgradeService.class)
          .onEligible(IntegrationTestBase.eligible(userId, loginId, UpgradeMode.CONDITIONAL));
      Http http =
          new Http(context.getEnvironment().getProperty("local.server.port", Integer.class));
      String session = TestSessions.token(userId, loginId);
      JsonNode decision = http.get("/api/passkeys/upgrade", session).body();
      SoftwarePasskeyAuthenticator authenticator =
          new SoftwarePasskeyAuthenticator(
              Http.ORIGIN, SoftwarePasskeyAuthenticator.APPLE_PASSWORDS);
      JsonNode credential =
          authenticator.register(
              decision.get("publicKey"), Kind.NONE, Flags.conditional().withBackup(true, false));
      assertThat(
              http.post(
                      "/api/passkeys/registrations",
                      session,
                      Map.of(
                          "ceremonyId",
                          decision.get("ceremonyId").asString(),
                          "credential",
                          credential))
                  .status())
          .isEqualTo(201);
      JsonNode list = http.get("/api/passkeys", session).body();
      assertThat(list).hasSize(1);
      assertThat(list.get(0).get("backupEligible").asBoolean()).isTrue();
      // 64 characters as the service counts them fit the column on H2 too (128 UTF-16 units)
      String emoji = "\ud83d\udd11".repeat(64);
      Http.Response renamed =
          http.patch(
              "/api/passkeys/" + list.get(0).get("id").asString(), session, Map.of("name", emoji));
      assertThat(renamed.status()).as(String.valueOf(renamed.body())).isEqualTo(200);
      assertThat(renamed.body().get("name").asString()).isEqualTo(emoji);

      // the erasure's statements on H2 (there without the per-user lock), delivered twice, and a
      // ceremony prepared before it that then stores nothing
      String laterLogin = IntegrationTestBase.loginId();
      context
          .getBean(UpgradeService.class)
          .onEligible(IntegrationTestBase.eligible(userId, laterLogin, UpgradeMode.PROMPT));
      String laterSession = TestSessions.token(userId, laterLogin);
      JsonNode later = http.get("/api/passkeys/upgrade", laterSession).body();
      UserErased erased =
          new UserErased(UserErased.idFor(userId), Instant.now(), userId, null, null);
      context.getBean(UserErasure.class).onErased(erased);
      context.getBean(UserErasure.class).onErased(erased);
      assertThat(http.get("/api/passkeys", session).body()).isEmpty();
      assertThat(
              jdbc.sql("SELECT COUNT(*) FROM erased_user WHERE user_id = :u")
                  .param("u", userId)
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
      Http.Response refused =
          http.post(
              "/api/passkeys/registrations",
              laterSession,
              Map.of(
                  "ceremonyId",
                  later.get("ceremonyId").asString(),
                  "credential",
                  authenticator.register(later.get("publicKey"), Kind.NONE, Flags.standard())));
      assertThat(refused.status()).as(String.valueOf(refused.body())).isEqualTo(410);
      assertThat(refused.problemCode()).isEqualTo("user-erased");
      assertThat(http.get("/api/passkeys", session).body()).isEmpty();
    }
  }
}
