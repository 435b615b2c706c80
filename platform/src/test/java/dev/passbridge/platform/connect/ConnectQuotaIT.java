package dev.passbridge.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.core.connect.ConnectClients;
import dev.passbridge.platform.web.ProblemException;
import dev.passbridge.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The per-client budget against a real Redis: one budget per client per minute, shared by every
 * instance that counts (two {@link ConnectQuota}s here, as auth-service and passkey-service), and
 * the guard's answers.
 */
class ConnectQuotaIT {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:15Z");
  private static LettuceConnectionFactory factory;
  private static StringRedisTemplate redis;

  private final String clientId = "c-" + UUID.randomUUID().toString().substring(0, 8);
  private final ConnectClient client =
      new ConnectClient(
          clientId,
          List.of(ConnectClients.hash("secret-" + clientId)),
          List.of("http://localhost:8090"),
          null,
          3);

  @BeforeAll
  static void connect() {
    factory =
        new LettuceConnectionFactory(
            new RedisStandaloneConfiguration("127.0.0.1", TestInfrastructure.redisPort()));
    factory.afterPropertiesSet();
    factory.start();
    redis = new StringRedisTemplate(factory);
  }

  @AfterAll
  static void disconnect() {
    factory.destroy();
  }

  private static String basic(String user, String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void oneBudgetPerClientPerMinuteAcrossInstances() {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    ConnectQuota auth = new ConnectQuota(redis, clock);
    ConnectQuota passkey = new ConnectQuota(redis, clock);
    assertThat(auth.consume(client)).isEqualTo(new ConnectQuota.Decision.Allowed(1));
    assertThat(passkey.consume(client)).isEqualTo(new ConnectQuota.Decision.Allowed(2));
    assertThat(auth.consume(client)).isEqualTo(new ConnectQuota.Decision.Allowed(3));
    assertThat(passkey.consume(client))
        .isEqualTo(new ConnectQuota.Decision.Exceeded(Duration.ofSeconds(45)));

    long minute = T0.getEpochSecond() / 60;
    String key = ConnectQuota.key(clientId, minute);
    assertThat(key).isEqualTo("pb:connect:quota:" + clientId + ":" + minute);
    assertThat(redis.getExpire(key)).isBetween(1L, 120L);

    ConnectQuota nextMinute =
        new ConnectQuota(redis, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
    assertThat(nextMinute.consume(client)).isEqualTo(new ConnectQuota.Decision.Allowed(1));
  }

  @Test
  void theGuardAnswers401AlikeAnd429WithRetryAfter() {
    ConnectClients clients = new ConnectClients(List.of(client));
    ConnectClientGuard guard =
        new ConnectClientGuard(clients, new ConnectQuota(redis, Clock.fixed(T0, ZoneOffset.UTC)));
    for (String header :
        new String[] {
          null, basic(clientId, "wrong"), basic("nobody", "secret-" + clientId), "Bearer x"
        }) {
      assertThatThrownBy(() -> guard.admit(header))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.problem().getStatus()).isEqualTo(401);
                assertThat(e.problem().getProperties()).containsEntry("code", "invalid-client");
                assertThat(e.problem().getDetail()).isEqualTo("Client authentication failed.");
              });
    }
    // failed authentications count against nobody
    for (int i = 0; i < 3; i++) {
      assertThat(guard.admit(basic(clientId, "secret-" + clientId))).isEqualTo(client);
    }
    assertThatThrownBy(() -> guard.admit(basic(clientId, "secret-" + clientId)))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().getStatus()).isEqualTo(429);
              assertThat(e.problem().getProperties()).containsEntry("code", "quota-exceeded");
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(45));
            });
  }
}
