package dev.passbridge.passkey.fakes;

import dev.passbridge.passkey.ceremony.CeremonyStore;
import dev.passbridge.passkey.ceremony.LoginCeremony;
import dev.passbridge.passkey.ceremony.RegistrationCeremony;
import dev.passbridge.passkey.ceremony.UpgradeDecision;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CeremonyStore} in maps (no TTLs): for unit tests of the plain-Java features. The upgrade's
 * writes and the reads of a decision and a ceremony hold one lock, so no reader sees a decision
 * without its ceremony, as with the Redis script.
 */
public class InMemoryCeremonyStore implements CeremonyStore {
  private final Map<String, RegistrationCeremony> registrations = new ConcurrentHashMap<>();
  private final Map<String, LoginCeremony> logins = new ConcurrentHashMap<>();
  private final Map<String, UpgradeDecision> decisions = new ConcurrentHashMap<>();

  private static String key(UUID userId, String ceremonyId) {
    return userId + ":" + ceremonyId;
  }

  @Override
  public synchronized boolean prepareUpgrade(
      RegistrationCeremony ceremony, UpgradeDecision decision, Duration ttl) {
    if (decisions.putIfAbsent(decision.loginId(), decision) != null) {
      return false;
    }
    registrations.put(key(ceremony.userId(), ceremony.ceremonyId()), ceremony);
    return true;
  }

  @Override
  public synchronized Optional<RegistrationCeremony> takeRegistration(
      UUID userId, String ceremonyId) {
    return Optional.ofNullable(registrations.remove(key(userId, ceremonyId)));
  }

  @Override
  public void saveLogin(LoginCeremony ceremony, Duration ttl) {
    logins.put(ceremony.ceremonyId(), ceremony);
  }

  @Override
  public Optional<LoginCeremony> takeLogin(String ceremonyId) {
    return Optional.ofNullable(logins.remove(ceremonyId));
  }

  @Override
  public synchronized boolean decideIfAbsent(UpgradeDecision decision, Duration ttl) {
    return decisions.putIfAbsent(decision.loginId(), decision) == null;
  }

  @Override
  public synchronized void replaceDecision(UpgradeDecision decision, Duration ttl) {
    decisions.put(decision.loginId(), decision);
  }

  @Override
  public synchronized Optional<UpgradeDecision> decision(String loginId) {
    return Optional.ofNullable(decisions.get(loginId));
  }
}
