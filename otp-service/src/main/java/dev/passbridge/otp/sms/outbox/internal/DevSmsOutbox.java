package dev.passbridge.otp.sms.outbox.internal;

import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.SmsSender;
import dev.passbridge.otp.sms.outbox.OutboxMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local profile's SMS "provider": messages go to a Redis list per login ({@code
 * otp:outbox:<loginId>}, newest first, expiring after {@code outboxTtl}), where the dev inbox reads
 * them. Redis rather than memory, so any instance can show what any instance sent.
 *
 * <p>A message is one script: push, trim and expiry together, so a list never outlives its expiry
 * (three separate commands could leave a list without one if the service stopped in between) and a
 * message costs one round trip, not three.
 */
public class DevSmsOutbox implements SmsSender {
  public static final String PREFIX = "otp:outbox:";
  private static final int KEEP = 20;

  /** KEYS[1] the login's list; ARGV[1] the message, ARGV[2] how many to keep, ARGV[3] TTL in ms. */
  private static final RedisScript<Long> PUSH =
      new DefaultRedisScript<>(
          """
          local n = redis.call('LPUSH', KEYS[1], ARGV[1])
          redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
          return n
          """,
          Long.class);

  private final StringRedisTemplate redis;
  private final JsonMapper json;
  private final Duration ttl;
  private final Clock clock;

  public DevSmsOutbox(StringRedisTemplate redis, JsonMapper json, Duration ttl, Clock clock) {
    this.redis = redis;
    this.json = json;
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public void send(SmsMessage message) {
    String key = PREFIX + message.loginId();
    String entry =
        json.writeValueAsString(
            new OutboxMessage(message.to(), message.text(), message.code(), clock.instant()));
    redis.execute(PUSH, List.of(key), entry, Integer.toString(KEEP), Long.toString(ttl.toMillis()));
  }

  @Override
  public String name() {
    return "outbox";
  }

  /** The newest message of a login. */
  public Optional<OutboxMessage> latest(String loginId) {
    return Optional.ofNullable(redis.opsForList().index(PREFIX + loginId, 0))
        .map(s -> json.readValue(s, OutboxMessage.class));
  }

  /** Every kept message of a login, newest first. */
  public List<OutboxMessage> messages(String loginId) {
    List<String> all = redis.opsForList().range(PREFIX + loginId, 0, -1);
    return all == null
        ? List.of()
        : all.stream().map(s -> json.readValue(s, OutboxMessage.class)).toList();
  }
}
