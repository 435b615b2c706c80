package dev.passbridge.auth.erasure;

/**
 * An erasure whose {@code UserErased} is on Kafka (so it has started and the other services act on
 * it) but whose own steps did not all finish: the account or mapping is still there, or sessions
 * were not all ended. Answered 503 {@code erasure-incomplete}: the same request again finishes it
 * (every step is idempotent). Not "nothing changed", which only a broker that did not acknowledge
 * the event can promise.
 */
public class ErasureIncompleteException extends RuntimeException {
  public ErasureIncompleteException(RuntimeException cause) {
    super("the erasure is recorded but not finished: " + cause.getMessage(), cause);
  }
}
