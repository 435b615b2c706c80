package dev.passbridge.auth.login;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The login transactions, shared by all instances (Redis): whichever instance consumed the
 * completing event, any instance can hand out the session. Every transition is atomic.
 */
public interface LoginTransactions {

  /**
   * Stores a new {@code PASSWORD_OK} transaction that expires after {@code ttl}, bound to the
   * browser that holds the binding whose digest is {@code binding}: only that browser can trade it
   * for a session ({@link #claim(String, String, Instant)}); {@code null}: unbound.
   */
  void open(LoginTransaction transaction, String binding, Duration ttl);

  /**
   * Holds the {@code PASSWORD_OK} login {@code loginId}, whose {@code PasswordAuthenticated}
   * ({@code eventId}) the broker did not acknowledge, for a retry: {@code retryKey} names it for
   * {@code ttl}, with {@code sealedBinding}, the login's browser binding ({@link HeldBinding},
   * sealed under the retry token), which no client has been given yet: the retry that resumes the
   * login gets it.
   */
  void holdForRetry(
      String retryKey, String loginId, UUID eventId, String sealedBinding, Duration ttl);

  /**
   * The login held for {@code retryKey}, if it is {@code userId}'s, still waits for its second
   * factor and has not expired.
   */
  Optional<Held> held(String retryKey, UUID userId, Instant now);

  /**
   * Takes the hold {@code retryKey} away, atomically: true for exactly one caller, which may then
   * resume the login and hand out its binding (and put the hold back with {@link #holdForRetry} if
   * the announcement fails again); every other caller starts a new login.
   */
  boolean takeHold(String retryKey);

  /**
   * A login held for a retry, with the id of its event and its browser binding's token sealed under
   * the retry token ({@link HeldBinding}; the login keeps the token's digest).
   */
  record Held(LoginTransaction transaction, UUID eventId, String sealedBinding) {
    @Override
    public String toString() {
      return "Held[loginId=" + transaction.loginId() + ", eventId=" + eventId + "]";
    }
  }

  /**
   * {@code PASSWORD_OK} → {@code COMPLETED} for the second factor, and wakes the instances waiting
   * for it. Idempotent: a repeated completion is {@link Completion#DUPLICATE}.
   */
  Completion complete(String loginId, UUID userId, List<String> amr, Instant now);

  /**
   * Stores a transaction that is {@code COMPLETED} from the start (passkey login), unless the event
   * {@code eventId} was seen before or the login exists already; bound like {@link #open} when
   * {@code binding} is given.
   */
  Completion openCompleted(
      LoginTransaction transaction, String binding, Duration ttl, UUID eventId);

  /** {@link #openCompleted(LoginTransaction, String, Duration, UUID)} unbound. */
  default Completion openCompleted(LoginTransaction transaction, Duration ttl, UUID eventId) {
    return openCompleted(transaction, null, ttl, eventId);
  }

  /**
   * {@code PASSWORD_OK} → {@code LOCKED}: the second factor was locked, so the login can never
   * complete. Wakes the session requests waiting for it.
   *
   * @return true if the login was waiting for its second factor and is locked now
   */
  boolean lock(String loginId, UUID userId, Instant now);

  /**
   * {@code COMPLETED} → {@code SESSION_ISSUED}, exactly once per login, for the browser that holds
   * the login's binding ({@code binding}: the digest of the one presented, or {@code null}). A
   * login opened with a binding answers {@link Claim.NotYours} to any other, whatever its state; a
   * login without one (a passkey login) is claimed by whoever names it.
   */
  Claim claim(String loginId, String binding, Instant now);

  /** {@link #claim(String, String, Instant)} presenting no binding. */
  default Claim claim(String loginId, Instant now) {
    return claim(loginId, null, now);
  }

  /** {@code SESSION_ISSUED} → {@code COMPLETED} when issuing the session failed after the claim. */
  void release(String loginId);

  enum Completion {
    COMPLETED,
    DUPLICATE,
    /** unknown or expired */
    MISSING,
    /** the event names another user than the transaction: ignored */
    USER_MISMATCH
  }

  sealed interface Claim {
    record Claimed(LoginTransaction transaction) implements Claim {}

    /** the second factor has not passed (yet) */
    record Pending() implements Claim {}

    /** the second factor was locked: this login can never complete */
    record Locked() implements Claim {}

    /** a session was issued for this login already */
    record AlreadyUsed() implements Claim {}

    /** expired (the transaction is still stored, past its {@code expiresAt}) */
    record Expired() implements Claim {}

    /** not (or no longer) stored: expired and evicted, never existed, or not consumed yet */
    record Missing() implements Claim {}

    /** bound to another browser: the caller named a login it did not start */
    record NotYours() implements Claim {}
  }
}
