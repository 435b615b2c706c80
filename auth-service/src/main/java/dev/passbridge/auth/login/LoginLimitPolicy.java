package dev.passbridge.auth.login;

import dev.passbridge.auth.ratelimit.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The password-guessing limits as plain decisions (no store): what a client may do given what it
 * did before.
 *
 * <ul>
 *   <li><b>Per client and username</b> (the client is a known device, else the address): the first
 *       {@code failuresBeforeDelay} failures are free; from then on each failure opens a back-off
 *       window of {@code initialDelay × 2^(failures − failuresBeforeDelay)}, capped at {@code
 *       maxDelay}, during which that client's attempts for that username are refused. A success
 *       resets it.
 *   <li><b>Per username, for clients that are not known</b> for the account: at most {@code
 *       failuresPerUsername} failures per window. One client adds at most {@code
 *       failuresBeforeDelay} failures to it (past that, its own back-off slows it), and {@code
 *       failuresBeforeDelay < failuresPerUsername}, so one address alone can never shut strangers
 *       out; a known client is never refused by it.
 * </ul>
 *
 * An attempt in flight (let through, its password still being checked) counts as a failure made now
 * until its outcome is known ({@link #withInFlight}). The per-address limit over all usernames
 * ({@link RateLimit}) is separate.
 */
public final class LoginLimitPolicy {
  private static final int MAX_DOUBLINGS = 30;

  private final int failuresBeforeDelay;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final RateLimit failuresPerUsername;
  private final Clock clock;

  public LoginLimitPolicy(
      int failuresBeforeDelay,
      Duration initialDelay,
      Duration maxDelay,
      RateLimit failuresPerUsername,
      Clock clock) {
    if (failuresBeforeDelay < 1) {
      throw new IllegalArgumentException("failuresBeforeDelay must be positive");
    }
    if (failuresBeforeDelay >= failuresPerUsername.limit()) {
      throw new IllegalArgumentException(
          "failuresBeforeDelay must be below the username limit, or one address could shut out"
              + " every stranger");
    }
    if (!initialDelay.isPositive() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 < initialDelay <= maxDelay");
    }
    this.failuresBeforeDelay = failuresBeforeDelay;
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay;
    this.failuresPerUsername = Objects.requireNonNull(failuresPerUsername);
    this.clock = Objects.requireNonNull(clock);
  }

  public static LoginLimitPolicy of(LoginProperties p, Clock clock) {
    return new LoginLimitPolicy(
        p.failuresBeforeDelay(),
        p.initialDelay(),
        p.maxDelay(),
        new RateLimit(p.failuresPerUsername(), p.usernameWindow()),
        clock);
  }

  /** Failures of one client for one username: how many, and when the last one was. */
  public record PairFailures(long count, Instant lastAt) {
    public static final PairFailures NONE = new PairFailures(0, Instant.EPOCH);
  }

  /**
   * The pair's failures with {@code inFlight} attempts of it still being checked counted as
   * failures made now: the worst they can turn out to be. The fourth of four guesses sent at once,
   * with three free failures, so finds the back-off the first three will open.
   */
  public PairFailures withInFlight(PairFailures pair, long inFlight) {
    if (inFlight <= 0) {
      return pair;
    }
    Instant now = clock.instant();
    return new PairFailures(
        pair.count() + inFlight, pair.lastAt().isAfter(now) ? pair.lastAt() : now);
  }

  /** The username's failures with {@code inFlight} attempts still being checked counted. */
  public static RateLimit.Counter withInFlight(RateLimit.Counter failures, long inFlight) {
    return inFlight <= 0
        ? failures
        : new RateLimit.Counter(failures.count() + inFlight, failures.resetsIn());
  }

  /** The back-off after {@code failures} failures in a row (zero while they are still free). */
  public Duration delayAfter(long failures) {
    if (failures < failuresBeforeDelay) {
      return Duration.ZERO;
    }
    long doublings = Math.min(failures - failuresBeforeDelay, MAX_DOUBLINGS);
    Duration delay = initialDelay.multipliedBy(1L << doublings);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /**
   * Whether this attempt may check a password.
   *
   * @param pair the failures of this client (device or address) for this username
   * @param usernameFailures failures for this username from clients not known for it
   * @param known the client logged in to this account before (device cookie or address)
   */
  public RateLimit.Decision decide(
      PairFailures pair, RateLimit.Counter usernameFailures, boolean known) {
    RateLimit.Decision byPair = byPair(pair);
    if (known) {
      return byPair;
    }
    return longer(byPair, failuresPerUsername.beforeHit(usernameFailures));
  }

  /**
   * Whether a failure of a client with {@code pairFailuresBefore} failures counts username-wide.
   */
  public boolean countsForUsername(long pairFailuresBefore, boolean known) {
    return !known && pairFailuresBefore < failuresBeforeDelay;
  }

  private RateLimit.Decision byPair(PairFailures pair) {
    Duration delay = delayAfter(pair.count());
    if (delay.isZero()) {
      return ALLOWED;
    }
    Duration left = Duration.between(clock.instant(), pair.lastAt().plus(delay));
    return left.isPositive() ? new RateLimit.Decision.Limited(left) : ALLOWED;
  }

  static RateLimit.Decision longer(RateLimit.Decision a, RateLimit.Decision b) {
    if (a instanceof RateLimit.Decision.Limited la && b instanceof RateLimit.Decision.Limited lb) {
      return la.retryAfter().compareTo(lb.retryAfter()) >= 0 ? a : b;
    }
    return a instanceof RateLimit.Decision.Limited ? a : b;
  }

  private static final RateLimit.Decision ALLOWED = new RateLimit.Decision.Allowed();
}
