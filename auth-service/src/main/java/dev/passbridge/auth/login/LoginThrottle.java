package dev.passbridge.auth.login;

import dev.passbridge.auth.ratelimit.RateCounters;
import dev.passbridge.auth.ratelimit.RateLimit;
import dev.passbridge.contracts.ids.Tokens;
import java.time.Clock;
import java.time.Duration;

/**
 * Login limits that slow password guessing without giving anyone a switch to lock a user out (the
 * policy: {@link LoginLimitPolicy}).
 *
 * <ol>
 *   <li>A client is <b>known</b> for a username when it presents a device token issued at an
 *       earlier successful password step for that username, or its address had such a success
 *       within {@code knownAddressTtl}.
 *   <li>The client's <b>pair</b> (username + device token when known by device, else username +
 *       address) gets a growing back-off after a few failures; a success resets it.
 *   <li>Failures of clients that are not known also count per username; past that limit, only known
 *       clients may try. A known client with the right password always gets in, whatever happens to
 *       the username elsewhere.
 *   <li>Attempts that get past 1–3 count against the address (any username, any outcome):
 *       credential stuffing from one address. Attempts already refused cost no hash and do not.
 *   <li>An attempt let through is <b>in flight</b> until its password is checked, and counts as a
 *       failure made now for its pair and (for a client not known) its username: concurrent
 *       attempts see each other, so a burst of fifty guesses sent at once gets no further than
 *       fifty sent one after the other. It is reserved in the same Redis step that reads the counts
 *       ({@link LoginLimitStore#reserve}) and released with its outcome.
 * </ol>
 *
 * Nothing here depends on whether the account exists. Keys carry a digest of the username (keyed,
 * {@link UsernameDigest}) and of the device token, never the name or the token. The keys of one
 * username that name an address or a device (pairs, known addresses, device tokens) are listed in
 * its index ({@link #indexKey}), so that {@link #forget} finds them without scanning Redis.
 */
public final class LoginThrottle {
  /**
   * How long a reservation outlives the last attempt on its key: longer than any password check
   * (the hashing queue gives up sooner), so only the reservations of an instance that died while
   * checking ever expire, and they are gone within a minute.
   */
  static final Duration IN_FLIGHT_TTL = Duration.ofMinutes(1);

  /**
   * How long after an account's erasure a login of it can still write to the limits: a password
   * check that read the account before it was deleted ends (and records its success or failure)
   * within this, since the hashing queue gives up sooner ({@link #IN_FLIGHT_TTL}).
   */
  public static final Duration LATE_WRITES = IN_FLIGHT_TTL;

  private final RateCounters counters;
  private final LoginLimitStore store;
  private final UsernameDigest usernames;
  private final LoginLimitPolicy policy;
  private final RateLimit perIp;
  private final Duration usernameWindow;
  private final Duration pairMemory;
  private final Duration deviceTtl;
  private final Duration knownAddressTtl;
  private final Clock clock;

  public LoginThrottle(
      RateCounters counters,
      LoginLimitStore store,
      UsernameDigest usernames,
      LoginLimitPolicy policy,
      RateLimit perIp,
      Duration usernameWindow,
      Duration pairMemory,
      Duration deviceTtl,
      Duration knownAddressTtl,
      Clock clock) {
    this.counters = counters;
    this.store = store;
    this.usernames = usernames;
    this.policy = policy;
    this.perIp = perIp;
    this.usernameWindow = usernameWindow;
    this.pairMemory = pairMemory;
    this.deviceTtl = deviceTtl;
    this.knownAddressTtl = knownAddressTtl;
    this.clock = clock;
  }

  public static LoginThrottle of(
      RateCounters counters, LoginLimitStore store, LoginProperties p, Clock clock) {
    return new LoginThrottle(
        counters,
        store,
        p.usernameDigest(),
        LoginLimitPolicy.of(p, clock),
        new RateLimit(p.attemptsPerIp(), p.ipWindow()),
        p.usernameWindow(),
        p.pairMemory(),
        p.deviceTtl(),
        p.knownAddressTtl(),
        clock);
  }

  /**
   * One attempt's limits, as decided before the password check. An allowed one is in flight until
   * {@link #failed}, {@link #succeeded} or {@link #release} is called with it.
   */
  public record Check(
      RateLimit.Decision decision,
      String usernameDigest,
      String clientIp,
      String pairKey,
      String presentedDeviceKey,
      boolean known,
      boolean countsForUsername) {
    public boolean refused() {
      return decision instanceof RateLimit.Decision.Limited;
    }
  }

  /**
   * Decides whether this attempt may check a password; a refused one must not hash.
   *
   * @param deviceToken the device cookie as presented, or {@code null}
   */
  public Check check(String clientIp, String usernameKey, String deviceToken) {
    String user = usernames.of(usernameKey);
    boolean token = Tokens.isToken(deviceToken);
    String byAddress = pairKey(user, "a:" + clientIp);
    // a known device has its own pair: guesses from its address (say, the same NAT) do not slow it
    String byDevice = token ? pairKey(user, "d:" + Tokens.digest(deviceToken)) : null;
    String deviceKey = token ? deviceKey(deviceToken) : null;
    LoginLimitStore.Snapshot s =
        store.reserve(
            new LoginLimitStore.Keys(
                byAddress,
                byDevice,
                userKey(user),
                deviceKey,
                knownAddressKey(user, clientIp),
                user),
            IN_FLIGHT_TTL);
    String pairKey = s.deviceKnown() ? byDevice : byAddress;
    boolean known = s.deviceKnown() || s.addressKnown();
    LoginLimitPolicy.PairFailures pair =
        policy.withInFlight(s.deviceKnown() ? s.byDevice() : s.byAddress(), s.pairInFlight());
    RateLimit.Counter usernameFailures =
        LoginLimitPolicy.withInFlight(s.usernameFailures(), s.usernameInFlight());
    RateLimit.Decision decision = policy.decide(pair, usernameFailures, known);
    if (decision instanceof RateLimit.Decision.Allowed) {
      decision = perIp.afterHit(counters.hit(ipKey(clientIp), perIp.window()));
    }
    Check check =
        new Check(
            decision,
            user,
            clientIp,
            pairKey,
            deviceKey,
            known,
            policy.countsForUsername(pair.count(), known));
    if (check.refused()) {
      release(check);
    }
    return check;
  }

  public void failed(Check check) {
    store.failed(
        check.pairKey(),
        userKey(check.usernameDigest()),
        check.countsForUsername(),
        !check.known(),
        indexKey(check.usernameDigest()),
        clock.instant(),
        pairMemory,
        usernameWindow);
  }

  /** Ends an allowed attempt whose password could not be checked: it counts for nothing. */
  public void release(Check check) {
    store.release(check.pairKey(), userKey(check.usernameDigest()), !check.known());
  }

  /**
   * Resets the pair, remembers the address and issues a fresh device token (never the presented
   * one: a token planted in a browser must not become known for the account logging in there).
   *
   * @return the device token to hand to the client
   */
  public String succeeded(Check check) {
    String token = Tokens.newToken();
    store.succeeded(
        check.pairKey(),
        userKey(check.usernameDigest()),
        !check.known(),
        check.presentedDeviceKey(),
        deviceKey(token),
        check.usernameDigest(),
        deviceTtl,
        knownAddressKey(check.usernameDigest(), check.clientIp()),
        knownAddressTtl,
        indexKey(check.usernameDigest()),
        clock.instant());
    return token;
  }

  /**
   * Forgets what the limits remember of a username (its account was erased): its failure counter,
   * and through its index its pairs, known addresses and the device tokens known for it. A new
   * account with the same name starts with none of it. What was never indexed (the in-flight
   * counters, a minute; keys written before the index existed) expires with its TTL.
   */
  public void forget(String usernameKey) {
    String user = usernames.of(usernameKey);
    store.forget(indexKey(user), userKey(user));
  }

  static String ipKey(String clientIp) {
    return "auth:rl:login-ip:" + clientIp;
  }

  static String userKey(String usernameDigest) {
    return "auth:rl:login-user:" + usernameDigest;
  }

  static String pairKey(String usernameDigest, String client) {
    return "auth:rl:login-pair:" + usernameDigest + ":" + client;
  }

  /**
   * A plain SHA-256 ({@link Tokens#digest}), not the keyed username digest: the token is 256 random
   * bits, so nobody can test a guess of it against Redis.
   */
  static String deviceKey(String token) {
    return "auth:login-device:" + Tokens.digest(token);
  }

  static String knownAddressKey(String usernameDigest, String clientIp) {
    return "auth:login-known:" + usernameDigest + ":" + clientIp;
  }

  /** The username's index: its keys that name an address or a device, scored by their expiry. */
  static String indexKey(String usernameDigest) {
    return "auth:login-index:" + usernameDigest;
  }
}
