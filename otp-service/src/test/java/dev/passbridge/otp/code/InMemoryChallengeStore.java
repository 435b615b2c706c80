package dev.passbridge.otp.code;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The store contract in memory, for unit tests of the orchestration (Redis has its own IT). */
public final class InMemoryChallengeStore implements ChallengeStore {
  private final Map<String, Versioned> data = new ConcurrentHashMap<>();

  @Override
  public Optional<Versioned> find(String loginId) {
    return Optional.ofNullable(data.get(loginId));
  }

  @Override
  public boolean insert(OtpChallenge challenge) {
    return data.putIfAbsent(challenge.loginId(), new Versioned(challenge, 1)) == null;
  }

  @Override
  public Optional<Versioned> replace(Versioned current, OtpChallenge next) {
    Versioned updated = new Versioned(next, current.version() + 1);
    return data.replace(next.loginId(), current, updated) ? Optional.of(updated) : Optional.empty();
  }

  @Override
  public boolean remove(Versioned current) {
    return data.remove(current.challenge().loginId(), current);
  }
}
