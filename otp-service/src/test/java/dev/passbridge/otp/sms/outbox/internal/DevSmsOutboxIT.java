package dev.passbridge.otp.sms.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.outbox.OutboxMessage;
import dev.passbridge.testsupport.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The local profile's SMS outbox against a real Redis server. */
class DevSmsOutboxIT {
  static LettuceConnectionFactory factory;
  static StringRedisTemplate redis;
  final Instant now = Instant.parse("2026-12-06T05:00:00Z");
  final DevSmsOutbox outbox =
      new DevSmsOutbox(
          redis,
          JsonMapper.builder().build(),
          Duration.ofMinutes(15),
          Clock.fixed(now, ZoneOffset.UTC));

  @BeforeAll
  static void connect() {
    factory =
        new LettuceConnectionFactory(
            new RedisStandaloneConfiguration("127.0.0.1", TestInfrastructure.redisPort()));
    factory.afterPropertiesSet();
    factory.start();
    redis = new StringRedisTemplate(factory);
    redis.afterPropertiesSet();
  }

  @AfterAll
  static void close() {
    factory.destroy();
  }

  private static SmsMessage sms(String loginId, String code) {
    return new SmsMessage(
        UUID.randomUUID(),
        loginId,
        "+4915110000001",
        "Your code is " + code,
        code,
        Instant.parse("2026-12-06T04:59:59Z"));
  }

  @Test
  void keepsTheNewestTwentyFirstAndExpiresTheList() {
    String loginId = "outbox-" + UUID.randomUUID();
    assertThat(outbox.latest(loginId)).isEmpty();
    assertThat(outbox.messages(loginId)).isEmpty();

    for (int i = 1; i <= 25; i++) {
      outbox.send(sms(loginId, "%06d".formatted(i)));
    }

    assertThat(outbox.messages(loginId))
        .hasSize(20)
        .extracting(OutboxMessage::code)
        .startsWith("000025", "000024")
        .endsWith("000006");
    OutboxMessage latest = outbox.latest(loginId).orElseThrow();
    assertThat(latest.code()).isEqualTo("000025");
    assertThat(latest.to()).isEqualTo("+4915110000001");
    assertThat(latest.sentAt()).isEqualTo(now);
    long ttl = redis.getExpire(DevSmsOutbox.PREFIX + loginId, TimeUnit.MILLISECONDS);
    assertThat(ttl).isBetween(Duration.ofMinutes(14).toMillis(), Duration.ofMinutes(15).toMillis());
    // another login's list is its own
    assertThat(outbox.messages("outbox-" + UUID.randomUUID())).isEmpty();
  }
}
