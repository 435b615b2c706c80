package dev.passbridge.passkey.ceremony.internal;

import dev.passbridge.passkey.ceremony.CeremonyStore;
import dev.passbridge.passkey.ceremony.LoginCeremony;
import dev.passbridge.passkey.ceremony.RegistrationCeremony;
import dev.passbridge.passkey.ceremony.UpgradeDecision;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link CeremonyStore} in Redis (prefix {@code passkey:}), values as JSON. Ceremonies are taken
 * with GETDEL, so each is used at most once, whichever instance sees it; decisions are first
 * written with {@code SET NX}.
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

  @Override
  public void saveRegistration(RegistrationCeremony ceremony, Duration ttl) {
    redis
        .opsForValue()
        .set(
            registrationKey(ceremony.userId(), ceremony.ceremonyId()),
            json.writeValueAsString(ceremony),
            ttl);
  }

  /** GETDEL: a second call for the same ceremony finds nothing. */
  @Override
  public Optional<RegistrationCeremony> takeRegistration(UUID userId, String ceremonyId) {
    String value = redis.opsForValue().getAndDelete(registrationKey(userId, ceremonyId));
    return Optional.ofNullable(value).map(v -> json.readValue(v, RegistrationCeremony.class));
  }

  @Override
  public void deleteRegistration(UUID userId, String ceremonyId) {
    redis.delete(registrationKey(userId, ceremonyId));
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
