package dev.passbridge.auth.erasure;

import dev.passbridge.auth.accounts.UserAccounts;
import dev.passbridge.auth.session.SessionRevocations;
import dev.passbridge.auth.session.UserSessions;
import dev.passbridge.contracts.events.UserErased;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a hosted account at its owner's request ({@code DELETE /api/me}). In this order, so that
 * every failure leaves something a retry finishes:
 *
 * <ol>
 *   <li>{@code UserErased} is published and acknowledged (its id is derived from the user, so a
 *       retry repeats the same fact): passkey-service deletes the passkeys and refuses new ones,
 *       intelligence-service the profile, this service's projection its rows;
 *   <li>the account row is deleted (the username is free again);
 *   <li>the user is marked erased in the session index and every session recorded there is revoked
 *       (other devices too), and the calling session with them; a login completing afterwards gets
 *       no session.
 * </ol>
 *
 * A broker that does not acknowledge changes nothing. A failure after the event leaves the calling
 * session valid (it is revoked last), so the user's retry finishes the erasure; the account being
 * gone by then, the retry publishes nothing more.
 */
public final class AccountErasure {
  private static final Logger log = LoggerFactory.getLogger(AccountErasure.class);

  private final UserAccounts accounts;
  private final Consumer<UserErased> events;
  private final UserSessions sessions;
  private final SessionRevocations revocations;
  private final Duration sessionTtl;
  private final Clock clock;

  /**
   * @param events publishes an event and returns once the broker acknowledged it
   * @param sessionTtl how long a session lives: how long revocations and the erased mark are kept
   */
  public AccountErasure(
      UserAccounts accounts,
      Consumer<UserErased> events,
      UserSessions sessions,
      SessionRevocations revocations,
      Duration sessionTtl,
      Clock clock) {
    this.accounts = accounts;
    this.events = events;
    this.sessions = sessions;
    this.revocations = revocations;
    this.sessionTtl = sessionTtl;
    this.clock = clock;
  }

  /**
   * @param sessionId the calling session, revoked with the others
   * @param sessionExpiresAt when it would expire
   * @return how many sessions were ended (the calling one included)
   */
  public int erase(UUID userId, String sessionId, Instant sessionExpiresAt) {
    Instant now = clock.instant();
    if (accounts.findById(userId).isPresent()) {
      events.accept(new UserErased(UserErased.idFor(userId), now, userId, null, null));
      accounts.delete(userId);
      log.info("account {} erased at its owner's request", userId);
    } else {
      log.info("account {} was erased already: ending its sessions", userId);
    }
    Set<String> ended = new LinkedHashSet<>(sessions.close(userId, sessionTtl));
    Instant expiresAt = now.plus(sessionTtl);
    for (String other : ended) {
      if (!other.equals(sessionId)) {
        revocations.revoke(other, expiresAt, now);
      }
    }
    revocations.revoke(sessionId, sessionExpiresAt, now);
    ended.add(sessionId);
    log.info("{} session(s) of erased account {} ended", ended.size(), userId);
    return ended.size();
  }
}
