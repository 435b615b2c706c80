package dev.passbridge.auth.session;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Which sessions a user holds, so that an erased account's sessions on every device can be ended (a
 * session is revoked by its id, {@link SessionRevocations}), and so that a login completing while
 * its account is erased gets no session.
 */
public interface UserSessions {

  /**
   * Records a session just issued; kept at least {@code keep} (the session's lifetime).
   *
   * @return false when the user is erased: the session must not be handed out
   */
  boolean record(UUID userId, String sessionId, Duration keep);

  /**
   * Marks the user erased for {@code guard} (no {@link #record} succeeds meanwhile) and returns the
   * ids of the sessions recorded until now, forgetting them. One atomic step: a session is either
   * returned here or refused by {@link #record}.
   */
  List<String> close(UUID userId, Duration guard);
}
