package dev.passbridge.auth.erasure;

import dev.passbridge.auth.accounts.UserAccount;
import dev.passbridge.auth.accounts.UserAccounts;
import dev.passbridge.auth.accounts.Username;
import dev.passbridge.auth.session.SessionRevocations;
import dev.passbridge.auth.session.UserSessions;
import dev.passbridge.contracts.events.UserErased;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a hosted account at its owner's request ({@code DELETE /api/me}) or an administrator's
 * ({@code POST /api/admin/account-erasures}, {@link #eraseAsAdministrator}). In this order, so that
 * every failure leaves something a retry finishes:
 *
 * <ol>
 *   <li>{@code UserErased} is published and acknowledged (its id is derived from the user, so a
 *       retry repeats the same fact): passkey-service deletes the passkeys and refuses new ones,
 *       intelligence-service the profile, this service's projection its rows;
 *   <li>the account row is deleted (the username is free again);
 *   <li>what the login limits remember of the username is forgotten ({@code LoginThrottle#forget}:
 *       its failure counter, pairs, known addresses and device tokens), so a new account with the
 *       same name inherits none of it; after the row is gone, so that no new login of the account
 *       succeeds, and once more a minute later (the wiring's second forget) for a login that was
 *       checking the password meanwhile. A failure here is logged and left to that second forget,
 *       or else to its TTLs (at most {@code device-ttl}, 90 days): it does not fail the erasure,
 *       since a retry could not finish it (the retry no longer finds the account, so it no longer
 *       knows the username);
 *   <li>the user is marked erased in the session index and every session recorded there is revoked
 *       (other devices too), and the calling session with them; a login completing afterwards gets
 *       no session.
 * </ol>
 *
 * A broker that does not acknowledge changes nothing. A failure after the event is {@link
 * ErasureIncompleteException} (503 {@code erasure-incomplete}): the calling session is still valid
 * (it is revoked last), so the user's retry finishes the erasure; the account being gone by then,
 * the retry publishes nothing more, and the session index, which keeps the sessions it returned,
 * names the same sessions again. (A failed delete leaves the row, so the retry forgets the limits
 * too.)
 */
public final class AccountErasure {
  private static final Logger log = LoggerFactory.getLogger(AccountErasure.class);

  private final UserAccounts accounts;
  private final Consumer<UserErased> events;
  private final Consumer<String> forgetLoginLimits;
  private final UserSessions sessions;
  private final SessionRevocations revocations;
  private final Duration sessionTtl;
  private final Duration recentSignIn;
  private final Clock clock;

  /**
   * @param events publishes an event and returns once the broker acknowledged it
   * @param forgetLoginLimits forgets the login limits' state of a username key
   * @param sessionTtl how long the session index keeps the user marked erased: at least a session's
   *     lifetime and a login transaction's (each revocation is kept until its session would expire)
   * @param recentSignIn how recent the caller's sign-in must be to start an erasure (not to finish
   *     one that started: see {@link #erase})
   */
  public AccountErasure(
      UserAccounts accounts,
      Consumer<UserErased> events,
      Consumer<String> forgetLoginLimits,
      UserSessions sessions,
      SessionRevocations revocations,
      Duration sessionTtl,
      Duration recentSignIn,
      Clock clock) {
    this.accounts = accounts;
    this.events = events;
    this.forgetLoginLimits = forgetLoginLimits;
    this.sessions = sessions;
    this.revocations = revocations;
    this.sessionTtl = sessionTtl;
    this.recentSignIn = recentSignIn;
    this.clock = clock;
  }

  /**
   * Starting an erasure (the account is still there) needs a sign-in at most {@code recentSignIn}
   * old, else {@link ReauthenticationRequiredException} and nothing changes. Finishing one that
   * started (the account is gone: a retry after {@code erasure-incomplete}) does not: it destroys
   * nothing more, and the user could not sign in again to an account that is gone.
   *
   * @param sessionId the calling session, revoked with the others
   * @param signedInAt when the calling session's user signed in (its {@code iat})
   * @param sessionExpiresAt when it would expire
   * @return how many sessions were ended (the calling one included)
   */
  public int erase(UUID userId, String sessionId, Instant signedInAt, Instant sessionExpiresAt) {
    Instant now = clock.instant();
    Optional<UserAccount> found = accounts.findById(userId);
    if (found.isPresent() && signedInAt.isBefore(now.minus(recentSignIn))) {
      throw new ReauthenticationRequiredException(recentSignIn);
    }
    return steps(userId, found, now, "at its owner's request", sessionId, sessionExpiresAt)
        .sessionsEnded();
  }

  /** What an administrator's erasure did. */
  public record AdministratorErasure(UUID userId, boolean accountErased, int sessionsEnded) {}

  /**
   * An administrator erases a hosted account (a support request: the person asked in writing, or
   * cannot sign in), named by its username or by its user id. The same steps as the owner's
   * erasure; every session of the user ends, none of the administrator's. In this order, so that a
   * refused request reveals and changes nothing:
   *
   * <ol>
   *   <li>the administrator's own sign-in must be recent ({@link
   *       ReauthenticationRequiredException}), whether the erasure starts or finishes, and before
   *       anything is looked up: a stale session cannot even learn whether a username exists;
   *   <li>a username must name an account ({@link AccountNotFoundException});
   *   <li>an administrator's account is not erased this way ({@link
   *       AdministratorAccountException}): its owner deletes it, so a stolen administrator session
   *       cannot remove the other administrators.
   * </ol>
   *
   * <p>An id with no account erases nothing: the sessions the index still names for it are ended
   * again, which finishes an erasure that answered {@code erasure-incomplete} after the row was
   * gone (its problem names the user id for this retry). Every request is logged with the
   * administrator's id and the user's, never the username; an erasure before its event is sent, so
   * the log names who started one that fails later.
   *
   * @param username the account as the person signs in (any spelling of it), or null
   * @param userId the account's user id, or null (exactly one of the two is given)
   * @param adminId the administrator, for the audit lines
   * @param adminSignedInAt when the administrator's session signed in (its {@code iat})
   */
  public AdministratorErasure eraseAsAdministrator(
      String username, UUID userId, UUID adminId, Instant adminSignedInAt) {
    if ((username == null) == (userId == null)) {
      throw new IllegalArgumentException("exactly one of username and userId");
    }
    Instant now = clock.instant();
    if (adminSignedInAt.isBefore(now.minus(recentSignIn))) {
      log.info("administrator {} asked to erase an account: sign-in not recent, refused", adminId);
      throw new ReauthenticationRequiredException(recentSignIn, "erase an account");
    }
    Optional<UserAccount> found =
        username != null
            ? accounts.findByUsernameKey(Username.keyOf(username))
            : accounts.findById(userId);
    if (username != null && found.isEmpty()) {
      log.info("administrator {} asked to erase an account: no such username", adminId);
      throw new AccountNotFoundException();
    }
    UUID target = found.map(UserAccount::id).orElse(userId);
    if (found.isPresent() && found.get().roles().contains(UserAccount.ROLE_ADMIN)) {
      log.info(
          "administrator {} asked to erase administrator account {}: refused", adminId, target);
      throw new AdministratorAccountException();
    }
    log.info("erasure of account {} requested by administrator {}", target, adminId);
    try {
      Done done = steps(target, found, now, "by administrator " + adminId, null, null);
      return new AdministratorErasure(target, done.accountDeleted(), done.sessionsEnded());
    } catch (ErasureIncompleteException e) {
      // the retry names the id: the username may be free already
      throw new ErasureIncompleteException(target, (RuntimeException) e.getCause());
    }
  }

  /**
   * What {@link #steps} did.
   *
   * @param accountDeleted whether this call deleted the row (of two erasures at once, one does)
   * @param sessionsEnded how many sessions it ended
   */
  private record Done(boolean accountDeleted, int sessionsEnded) {}

  /**
   * The event (only while the account exists), the row, the login limits, then the sessions; the
   * calling session, if it is the user's own, last.
   *
   * @param by who asked, for the log line (ids only)
   */
  private Done steps(
      UUID userId,
      Optional<UserAccount> found,
      Instant now,
      String by,
      String callerSessionId,
      Instant callerExpiresAt) {
    boolean account = found.isPresent();
    if (account) {
      events.accept(new UserErased(UserErased.idFor(userId), now, userId, null, null));
    }
    try {
      boolean deleted = account && accounts.delete(userId);
      if (deleted) {
        log.info("account {} erased {}", userId, by);
        forgetLimitsOf(userId, found.get().usernameKey());
      } else if (account) {
        // an erasure running at the same time deleted it (and forgets the limits)
        log.info("account {} was erased meanwhile ({}): ending its sessions", userId, by);
      } else {
        log.info("account {} was erased already ({}): ending its sessions", userId, by);
      }
      int ended = 0;
      for (UserSessions.Open other : sessions.close(userId, now, sessionTtl)) {
        if (!other.sessionId().equals(callerSessionId)) {
          revocations.revoke(other.sessionId(), other.expiresAt(), now);
          ended++;
        }
      }
      if (callerSessionId != null) {
        revocations.revoke(callerSessionId, callerExpiresAt, now);
        ended++;
      }
      log.info("{} session(s) of erased account {} ended", ended, userId);
      return new Done(deleted, ended);
    } catch (RuntimeException e) {
      // the event is out: the erasure has started and the retry (this session still works)
      // finishes it; nothing here may claim that nothing changed
      throw new ErasureIncompleteException(e);
    }
  }

  private void forgetLimitsOf(UUID userId, String usernameKey) {
    try {
      forgetLoginLimits.accept(usernameKey);
    } catch (RuntimeException e) {
      // the failure's class only (a message could name a key); the state expires with its TTLs
      log.warn(
          "login limits of erased account {} not forgotten, left to expire: {}",
          userId,
          e.getClass().getName());
    }
  }
}
