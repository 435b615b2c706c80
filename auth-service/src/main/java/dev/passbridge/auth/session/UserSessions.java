package dev.passbridge.auth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which sessions a user holds, so that an erased account's sessions on every device can be ended (a
 * session is revoked by its id, {@link SessionRevocations}), and so that a login completing while
 * its account is erased gets no session.
 */
public interface UserSessions {

  /** A session recorded for a user, until it expires. */
  record Open(String sessionId, Instant expiresAt) {}

  /**
   * Records a session just issued (sessions already expired are forgotten on the way).
   *
   * @return false when the user is erased: the session must not be handed out
   */
  boolean record(UUID userId, String sessionId, Instant expiresAt, Instant now);

  /**
   * Marks the user erased until {@code now + guard} (no {@link #record} succeeds meanwhile) and
   * returns the sessions recorded and not yet expired. One atomic step: a session is either
   * returned here or refused by {@link #record}. The sessions are kept, so a repeated close (a
   * retry after a revocation failed) returns them again.
   */
  List<Open> close(UUID userId, Instant now, Duration guard);
}
