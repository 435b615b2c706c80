package dev.passbridge.auth.session;

import dev.passbridge.auth.login.LoginTransactions;
import dev.passbridge.contracts.events.LoginSucceeded;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trades a completed login for a session, once: the claim ({@code COMPLETED} → {@code
 * SESSION_ISSUED}) is atomic in Redis, so two concurrent calls cannot both win. {@code
 * LoginSucceeded} is acknowledged by Kafka before the token is returned; if that fails the claim is
 * released and the caller may retry.
 *
 * <p>The event's id comes from the login ({@link #eventId}): Kafka can have written a record whose
 * acknowledgement never arrived (a broker killed mid-request), and the retry then publishes the
 * same event again, which consumers deduplicate by id, instead of a second login success.
 *
 * <p>Every session is recorded under its user ({@link UserSessions}) before it is handed out, so an
 * erased account's sessions can all be ended; a login whose account was erased meanwhile ends as
 * expired.
 */
public final class SessionExchange {
  private static final Logger log = LoggerFactory.getLogger(SessionExchange.class);

  private final LoginTransactions transactions;
  private final SessionTokens tokens;
  private final SessionEvents events;
  private final UserSessions userSessions;
  private final Clock clock;

  public SessionExchange(
      LoginTransactions transactions,
      SessionTokens tokens,
      SessionEvents events,
      UserSessions userSessions,
      Clock clock) {
    this.transactions = transactions;
    this.tokens = tokens;
    this.events = events;
    this.userSessions = userSessions;
    this.clock = clock;
  }

  /** {@code UUID.nameUUIDFromBytes(loginId + ":login-succeeded")}: one per login. */
  static UUID eventId(String loginId) {
    return UUID.nameUUIDFromBytes(
        (loginId + ":login-succeeded").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** {@link #exchange(String, String)} presenting no browser binding. */
  public ExchangeResult exchange(String loginId) {
    return exchange(loginId, null);
  }

  /**
   * @param binding the digest of the login binding the browser presented ({@code pb_login}), or
   *     {@code null}
   */
  public ExchangeResult exchange(String loginId, String binding) {
    Instant now = clock.instant();
    return switch (transactions.claim(loginId, binding, now)) {
      case LoginTransactions.Claim.NotYours n -> new ExchangeResult.NotYours();
      case LoginTransactions.Claim.Pending p -> new ExchangeResult.NotCompleted();
      case LoginTransactions.Claim.AlreadyUsed u -> new ExchangeResult.AlreadyUsed();
      case LoginTransactions.Claim.Locked l -> new ExchangeResult.Locked();
      case LoginTransactions.Claim.Expired e -> new ExchangeResult.Expired();
      case LoginTransactions.Claim.Missing m -> new ExchangeResult.Unknown();
      case LoginTransactions.Claim.Claimed c -> {
        var login = c.transaction();
        try {
          IssuedSession session =
              tokens.issue(login.userId(), loginId, login.amr(), login.roles(), now);
          if (!userSessions.record(login.userId(), loginId, session.expiresAt(), now)) {
            // the account was erased while this login was under way: no session, no success
            log.info("login {} of erased user {} gets no session", loginId, login.userId());
            yield new ExchangeResult.Expired();
          }
          events.loginSucceeded(
              new LoginSucceeded(eventId(loginId), now, login.userId(), loginId, login.method()));
          log.info("session issued for login {} of user {}", loginId, login.userId());
          yield new ExchangeResult.Issued(session, login);
        } catch (RuntimeException e) {
          transactions.release(loginId);
          throw e;
        }
      }
    };
  }
}
