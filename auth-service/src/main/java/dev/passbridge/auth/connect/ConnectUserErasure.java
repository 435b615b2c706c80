package dev.passbridge.auth.connect;

import dev.passbridge.auth.erasure.ErasureIncompleteException;
import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.platform.core.connect.ConnectClient;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a Connect platform's user ({@code DELETE /connect/v1/users/{externalUserId}}): publishes
 * {@code UserErased} (acknowledged by the broker), then removes the (tenant, external user id)
 * mapping. The order makes a failure safe to retry: when the broker does not acknowledge, nothing
 * changed (503); when the mapping's delete fails after the event ({@link
 * ErasureIncompleteException}, 503 {@code erasure-incomplete}), a retry finds the mapping,
 * publishes the same event again (its id is derived from the user, so readers see a redelivery) and
 * deletes it. The other services act on the event: passkey-service deletes the passkeys and refuses
 * new ones for the user, intelligence-service drops the profile, auth-service's own projection its
 * rows.
 *
 * <p>An external id Passbridge has no mapping for is {@link Outcome#UNKNOWN}: nothing is kept about
 * it, so nothing is published. Known or not, for {@link #ERASED_MARK} after an erasure a login
 * report or manage token for the id is refused ({@link ErasedUsers}: what was in flight must not
 * map it again, also when it was the id's first sight, reported while the platform erased the
 * person); after that the same external id makes a new user (new user id, new user handle): nothing
 * links it to the erased one. The mark is written first, before the lookup: a Redis failure there
 * changes nothing (503), and a first sight inserting the mapping after the lookup sees the mark and
 * takes its mapping back ({@code ConnectLogins}). An erasure whose event the broker refuses leaves
 * the mark; the platform's retry, which it has to send, erases.
 */
public final class ConnectUserErasure {
  private static final Logger log = LoggerFactory.getLogger(ConnectUserErasure.class);

  /** What an erasure did. */
  public enum Outcome {
    /** The user was known: the erasure is published and the mapping removed. */
    ERASED,
    /** No mapping for this external id: nothing to erase. */
    UNKNOWN
  }

  /**
   * How long an erased id makes no new user: longer than a connect token (5 min) and a report's
   * idempotency key (10 min) live, so nothing issued before the erasure maps the id again.
   */
  public static final Duration ERASED_MARK = ConnectLogins.REPORT_KEY_LIFETIME.plusMinutes(1);

  private final ConnectUsers users;
  private final ConnectEvents events;
  private final ErasedUsers erased;
  private final Clock clock;

  public ConnectUserErasure(
      ConnectUsers users, ConnectEvents events, ErasedUsers erased, Clock clock) {
    this.users = users;
    this.events = events;
    this.erased = erased;
    this.clock = clock;
  }

  public Outcome erase(ConnectClient client, String externalUserId) {
    // first, known or not: a report or manage token in flight must not map the id (again)
    erased.mark(client.tenant(), externalUserId, ERASED_MARK);
    ConnectUser user = users.find(client.tenant(), externalUserId).orElse(null);
    if (user == null) {
      log.info(
          "connect client {} erased a {} user Passbridge does not know",
          client.clientId(),
          client.tenant());
      return Outcome.UNKNOWN;
    }
    events.userErased(
        new UserErased(
            UserErased.idFor(user.userId()),
            clock.instant(),
            user.userId(),
            LoginSource.CONNECT,
            client.clientId()));
    try {
      users.delete(user);
    } catch (RuntimeException e) {
      // the event is out: the platform's retry finds the mapping and finishes the erasure
      throw new ErasureIncompleteException(e);
    }
    // the user id only: the external id may be an e-mail address or a phone number
    log.info("connect client {} erased user {}", client.clientId(), user.userId());
    return Outcome.ERASED;
  }
}
