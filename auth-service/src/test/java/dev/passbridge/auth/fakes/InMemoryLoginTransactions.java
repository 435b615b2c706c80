package dev.passbridge.auth.fakes;

import dev.passbridge.auth.login.LoginState;
import dev.passbridge.auth.login.LoginTransaction;
import dev.passbridge.auth.login.LoginTransactions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The login transaction state machine in memory (unit tests only; ITs use Redis). */
public class InMemoryLoginTransactions implements LoginTransactions {
  public final Map<String, LoginTransaction> byId = new ConcurrentHashMap<>();
  private final Set<UUID> seenEvents = new HashSet<>();
  public int released;

  /** Login id → the digest of the browser binding it was opened (or rebound) with. */
  public final Map<String, String> bindings = new ConcurrentHashMap<>();

  @Override
  public void open(LoginTransaction transaction, String binding, Duration ttl) {
    byId.put(transaction.loginId(), transaction);
    if (binding != null) {
      bindings.put(transaction.loginId(), binding);
    }
  }

  /**
   * Retry key → login, event id and sealed binding (no expiry: tests move the clock past the
   * login's).
   */
  public final Map<String, Held> retries = new ConcurrentHashMap<>();

  @Override
  public void holdForRetry(
      String retryKey, String loginId, UUID eventId, String sealedBinding, Duration ttl) {
    retries.put(retryKey, new Held(byId.get(loginId), eventId, sealedBinding));
  }

  @Override
  public Optional<Held> held(String retryKey, UUID userId, Instant now) {
    Held held = retries.get(retryKey);
    if (held == null) {
      return Optional.empty();
    }
    LoginTransaction t = byId.get(held.transaction().loginId());
    if (t == null
        || !t.userId().equals(userId)
        || t.state() != LoginState.PASSWORD_OK
        || !t.expiresAt().isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(new Held(t, held.eventId(), held.sealedBinding()));
  }

  @Override
  public boolean takeHold(String retryKey) {
    return retries.remove(retryKey) != null;
  }

  @Override
  public synchronized Completion complete(
      String loginId, UUID userId, List<String> amr, Instant now) {
    LoginTransaction t = byId.get(loginId);
    if (t == null || !t.expiresAt().isAfter(now)) {
      return Completion.MISSING;
    }
    if (!t.userId().equals(userId)) {
      return Completion.USER_MISMATCH;
    }
    if (t.state() != LoginState.PASSWORD_OK) {
      return Completion.DUPLICATE;
    }
    byId.put(loginId, with(t, LoginState.COMPLETED));
    return Completion.COMPLETED;
  }

  @Override
  public synchronized Completion openCompleted(
      LoginTransaction transaction, String binding, Duration ttl, UUID eventId) {
    if (!seenEvents.add(eventId) || byId.containsKey(transaction.loginId())) {
      return Completion.DUPLICATE;
    }
    byId.put(transaction.loginId(), transaction);
    if (binding != null) {
      bindings.put(transaction.loginId(), binding);
    }
    return Completion.COMPLETED;
  }

  @Override
  public synchronized boolean lock(String loginId, UUID userId, Instant now) {
    LoginTransaction t = byId.get(loginId);
    if (t == null
        || !t.expiresAt().isAfter(now)
        || !t.userId().equals(userId)
        || t.state() != LoginState.PASSWORD_OK) {
      return false;
    }
    byId.put(loginId, with(t, LoginState.LOCKED));
    return true;
  }

  @Override
  public synchronized Claim claim(String loginId, String binding, Instant now) {
    LoginTransaction t = byId.get(loginId);
    if (t == null) {
      return new Claim.Missing();
    }
    String bound = bindings.get(loginId);
    if (bound != null && !bound.equals(binding)) {
      return new Claim.NotYours();
    }
    if (!t.expiresAt().isAfter(now)) {
      return new Claim.Expired();
    }
    return switch (t.state()) {
      case PASSWORD_OK -> new Claim.Pending();
      case SESSION_ISSUED -> new Claim.AlreadyUsed();
      case LOCKED -> new Claim.Locked();
      case COMPLETED -> {
        LoginTransaction claimed = with(t, LoginState.SESSION_ISSUED);
        byId.put(loginId, claimed);
        yield new Claim.Claimed(claimed);
      }
    };
  }

  @Override
  public synchronized void release(String loginId) {
    released++;
    LoginTransaction t = byId.get(loginId);
    if (t != null && t.state() == LoginState.SESSION_ISSUED) {
      byId.put(loginId, with(t, LoginState.COMPLETED));
    }
  }

  private static LoginTransaction with(LoginTransaction t, LoginState state) {
    return new LoginTransaction(
        t.loginId(),
        t.userId(),
        state,
        t.method(),
        t.amr(),
        t.username(),
        t.displayName(),
        t.roles(),
        t.createdAt(),
        t.expiresAt());
  }
}
