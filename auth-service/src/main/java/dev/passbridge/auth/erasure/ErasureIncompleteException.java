package dev.passbridge.auth.erasure;

import java.util.Optional;
import java.util.UUID;

/**
 * An erasure whose {@code UserErased} is on Kafka (so it has started and the other services act on
 * it) but whose own steps did not all finish: the account or mapping is still there, or sessions
 * were not all ended. Answered 503 {@code erasure-incomplete}: the same request again finishes it
 * (every step is idempotent). Not "nothing changed", which only a broker that did not acknowledge
 * the event can promise.
 */
public class ErasureIncompleteException extends RuntimeException {
  private final transient UUID userId;

  public ErasureIncompleteException(RuntimeException cause) {
    this(null, cause);
  }

  /**
   * @param userId the erased user, named in the problem for a caller that cannot name it otherwise
   *     on the retry (an administrator who named the account by its username), or null
   */
  public ErasureIncompleteException(UUID userId, RuntimeException cause) {
    super("the erasure is recorded but not finished: " + cause.getMessage(), cause);
    this.userId = userId;
  }

  public Optional<UUID> userId() {
    return Optional.ofNullable(userId);
  }
}
