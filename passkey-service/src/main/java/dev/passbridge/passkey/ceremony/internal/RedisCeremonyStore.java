package dev.passbridge.passkey.ceremony.internal;

import dev.passbridge.passkey.ceremony.CeremonyStore;
import dev.passbridge.passkey.ceremony.LoginCeremony;
import dev.passbridge.passkey.ceremony.RegistrationCeremony;
import dev.passbridge.passkey.ceremony.UpgradeDecision;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link CeremonyStore} in Redis (prefix {@code passkey:}), values as JSON. Ceremonies are taken
 * with GETDEL, so each is used at most once, whichever instance sees it; decisions are first
 * written with {@code SET NX}. An upgrade's ceremony and decision are written by one script (one
 * round trip, on the decision's path). A Redis Cluster refuses a script over keys of two slots, and
 * these two share no part a hash tag could take (the ceremony's is read by user and ceremony id,
 * the decision's by login id): Cluster support would need a new key layout, like the other
 * services' multi-key scripts (docs/services/passkey-service.md, "Known limitations").
 */
public class RedisCeremonyStore implements CeremonyStore {
  static final String PREFIX = "passkey:";
  private final StringRedisTemplate redis;
  private final JsonMapper json;

  public RedisCeremonyStore(StringRedisTemplate redis, JsonMapper json) {
    this.redis = redis;
    this.json = json;
  }

  static String registrationKey(UUID userId, String ceremonyId) {
    return PREFIX + "reg:" + userId + ":" + ceremonyId;
  }

  static String loginKey(String ceremonyId) {
    return PREFIX + "auth:" + ceremonyId;
  }

  static String decisionKey(String loginId) {
    return PREFIX + "upgrade:" + loginId;
  }

  /** KEYS: decision, ceremony; ARGV: decision, ceremony, TTL in ms. */
  private static final RedisScript<Long> PREPARE_UPGRADE =
      RedisScript.of(
          """
          if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[3]) then
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            return 1
          end
          return 0
          """,
          Long.class);

  @Override
  public boolean prepareUpgrade(
      RegistrationCeremony ceremony, UpgradeDecision decision, Duration ttl) {
    if (!Objects.equals(ceremony.loginId(), decision.loginId())
        || !Objects.equals(ceremony.ceremonyId(), decision.ceremonyId())) {
      throw new IllegalArgumentException("the decision must offer this ceremony");
    }
    Long stored =
        redis.execute(
            PREPARE_UPGRADE,
            List.of(
                decisionKey(decision.loginId()),
                registrationKey(ceremony.userId(), ceremony.ceremonyId())),
            json.writeValueAsString(decision),
            json.writeValueAsString(ceremony),
            Long.toString(ttl.toMillis()));
    return stored != null && stored == 1L;
  }

  /** GETDEL: a second call for the same ceremony finds nothing. */
  @Override
  public Optional<RegistrationCeremony> takeRegistration(UUID userId, String ceremonyId) {
    String value = redis.opsForValue().getAndDelete(registrationKey(userId, ceremonyId));
    return Optional.ofNullable(value).map(v -> json.readValue(v, RegistrationCeremony.class));
  }

  @Override
  public void saveLogin(LoginCeremony ceremony, Duration ttl) {
    redis
        .opsForValue()
        .set(loginKey(ceremony.ceremonyId()), json.writeValueAsString(ceremony), ttl);
  }

  @Override
  public Optional<LoginCeremony> takeLogin(String ceremonyId) {
    String value = redis.opsForValue().getAndDelete(loginKey(ceremonyId));
    return Optional.ofNullable(value).map(v -> json.readValue(v, LoginCeremony.class));
  }

  /** {@code SET NX}: the first decision for a login wins. */
  @Override
  public boolean decideIfAbsent(UpgradeDecision decision, Duration ttl) {
    Boolean set =
        redis
            .opsForValue()
            .setIfAbsent(decisionKey(decision.loginId()), json.writeValueAsString(decision), ttl);
    return Boolean.TRUE.equals(set);
  }

  @Override
  public void replaceDecision(UpgradeDecision decision, Duration ttl) {
    redis
        .opsForValue()
        .set(decisionKey(decision.loginId()), json.writeValueAsString(decision), ttl);
  }

  @Override
  public Optional<UpgradeDecision> decision(String loginId) {
    String value = redis.opsForValue().get(decisionKey(loginId));
    return Optional.ofNullable(value).map(v -> json.readValue(v, UpgradeDecision.class));
  }
}
