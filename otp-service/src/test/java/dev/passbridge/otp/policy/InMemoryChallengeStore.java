package dev.passbridge.otp.policy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The store contract in memory, for unit tests of the orchestration (Redis has its own IT). */
public final class InMemoryChallengeStore implements ChallengeStore {
  private final Map<String, Versioned> data = new HashMap<>();
  private final Map<UUID, VersionedAccount> accounts = new HashMap<>();

  @Override
  public synchronized Optional<Versioned> find(String loginId) {
    return Optional.ofNullable(data.get(loginId));
  }

  @Override
  public synchronized boolean insert(OtpChallenge challenge) {
    return data.putIfAbsent(challenge.loginId(), new Versioned(challenge, 1)) == null;
  }

  @Override
  public synchronized boolean insert(OtpChallenge challenge, VersionedAccount account) {
    UUID userId = account.strikes().userId();
    if (!challenge.userId().equals(userId)) {
      throw new IllegalArgumentException("the account state belongs to another user");
    }
    if (data.containsKey(challenge.loginId())
        || findAccount(userId).version() != account.version()) {
      return false;
    }
    data.put(challenge.loginId(), new Versioned(challenge, 1));
    putAccount(account, account.strikes());
    return true;
  }

  @Override
  public synchronized Optional<Versioned> replace(Versioned current, OtpChallenge next) {
    Versioned updated = new Versioned(next, current.version() + 1);
    return data.replace(next.loginId(), current, updated) ? Optional.of(updated) : Optional.empty();
  }

  @Override
  public synchronized boolean remove(Versioned current) {
    return data.remove(current.challenge().loginId(), current);
  }

  @Override
  public synchronized VersionedAccount findAccount(UUID userId) {
    return accounts.getOrDefault(userId, new VersionedAccount(AccountStrikes.none(userId), 0));
  }

  @Override
  public synchronized Optional<Committed> commit(
      Versioned current, OtpChallenge next, VersionedAccount account, AccountStrikes nextAccount) {
    String loginId = current.challenge().loginId();
    UUID userId = account.strikes().userId();
    if (!Objects.equals(data.get(loginId), current)
        || findAccount(userId).version() != account.version()) {
      return Optional.empty();
    }
    Versioned stored = null;
    if (next == null) {
      data.remove(loginId);
    } else {
      stored = new Versioned(next, current.version() + 1);
      data.put(loginId, stored);
    }
    List<String> othersLocked = new ArrayList<>();
    if (nextAccount.locksAnew(account.strikes())) {
      // like Redis: every other live, unlocked code of the account that is not being verified is
      // locked in the same step
      Instant now = nextAccount.failures().getLast();
      for (Versioned other : List.copyOf(data.values())) {
        OtpChallenge c = other.challenge();
        if (!c.loginId().equals(loginId)
            && c.userId().equals(userId)
            && !c.locked()
            && now.isBefore(c.expiresAt())
            && !c.verifyingAt(now)) {
          UUID eventId =
              UUID.nameUUIDFromBytes(
                  ("otp-account-lock:" + nextAccount.lockEventId() + ":" + c.loginId())
                      .getBytes(StandardCharsets.UTF_8));
          data.put(c.loginId(), new Versioned(c.lockedByAccount(eventId), other.version() + 1));
          othersLocked.add(c.loginId());
        }
      }
    }
    return Optional.of(new Committed(stored, putAccount(account, nextAccount), othersLocked));
  }

  @Override
  public synchronized Optional<VersionedAccount> replaceAccount(
      VersionedAccount current, AccountStrikes next) {
    if (findAccount(current.strikes().userId()).version() != current.version()) {
      return Optional.empty();
    }
    return Optional.of(putAccount(current, next));
  }

  /** Like Redis: an empty state is kept (briefly there), so versions never repeat. */
  private VersionedAccount putAccount(VersionedAccount current, AccountStrikes next) {
    VersionedAccount stored = new VersionedAccount(next, current.version() + 1);
    accounts.put(next.userId(), stored);
    return stored;
  }
}
