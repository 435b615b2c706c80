package dev.passbridge.passkey.ceremony;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ceremonies, challenges and upgrade decisions in Redis (prefix {@code passkey:}). Ceremonies are
 * taken with GETDEL, so each is used at most once, whichever instance sees it. Registration
 * ceremonies are keyed by their owner too, so another user's session cannot even consume one.
 */
public class CeremonyStore {
  static final String PREFIX = "passkey:";
  private final StringRedisTemplate redis;
  private final JsonMapper json;

  public CeremonyStore(StringRedisTemplate redis, JsonMapper json) {
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

  public void saveRegistration(RegistrationCeremony ceremony, Duration ttl) {
    redis
        .opsForValue()
        .set(
            registrationKey(ceremony.userId(), ceremony.ceremonyId()),
            json.writeValueAsString(ceremony),
            ttl);
  }

  /** Reads and deletes in one step (GETDEL): a second call for the same ceremony finds nothing. */
  public Optional<RegistrationCeremony> takeRegistration(UUID userId, String ceremonyId) {
    String value = redis.opsForValue().getAndDelete(registrationKey(userId, ceremonyId));
    return Optional.ofNullable(value).map(v -> json.readValue(v, RegistrationCeremony.class));
  }

  public void deleteRegistration(UUID userId, String ceremonyId) {
    redis.delete(registrationKey(userId, ceremonyId));
  }

  public void saveLogin(LoginCeremony ceremony, Duration ttl) {
    redis
        .opsForValue()
        .set(loginKey(ceremony.ceremonyId()), json.writeValueAsString(ceremony), ttl);
  }

  public Optional<LoginCeremony> takeLogin(String ceremonyId) {
    String value = redis.opsForValue().getAndDelete(loginKey(ceremonyId));
    return Optional.ofNullable(value).map(v -> json.readValue(v, LoginCeremony.class));
  }

  /** Stores the first decision for a login; a redelivered or repeated event changes nothing. */
  public boolean decideIfAbsent(UpgradeDecision decision, Duration ttl) {
    Boolean set =
        redis
            .opsForValue()
            .setIfAbsent(decisionKey(decision.loginId()), json.writeValueAsString(decision), ttl);
    return Boolean.TRUE.equals(set);
  }

  /** Replaces a decision once its ceremony is finished, so a reload does not offer it again. */
  public void replaceDecision(UpgradeDecision decision, Duration ttl) {
    redis
        .opsForValue()
        .set(decisionKey(decision.loginId()), json.writeValueAsString(decision), ttl);
  }

  public Optional<UpgradeDecision> decision(String loginId) {
    String value = redis.opsForValue().get(decisionKey(loginId));
    return Optional.ofNullable(value).map(v -> json.readValue(v, UpgradeDecision.class));
  }
}
