package dev.passbridge.auth.login;

import dev.passbridge.auth.ratelimit.RateCounters;
import dev.passbridge.auth.ratelimit.RateLimit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Login rate limits: every attempt counts against the client IP (credential stuffing from one
 * address); failures count against the username (guessing one account from many addresses). The
 * username check does not depend on whether the account exists, so a 429 reveals nothing. Keys
 * carry a hash of the username, never the name itself.
 */
public final class LoginThrottle {
  private final RateCounters counters;
  private final RateLimit perIp;
  private final RateLimit failuresPerUsername;

  public LoginThrottle(RateCounters counters, RateLimit perIp, RateLimit failuresPerUsername) {
    this.counters = counters;
    this.perIp = perIp;
    this.failuresPerUsername = failuresPerUsername;
  }

  public static LoginThrottle of(RateCounters counters, LoginProperties p) {
    return new LoginThrottle(
        counters,
        new RateLimit(p.attemptsPerIp(), p.ipWindow()),
        new RateLimit(p.failuresPerUsername(), p.usernameWindow()));
  }

  /** Counts this attempt; a {@code Limited} decision means: refuse before any hashing. */
  public RateLimit.Decision attempt(String clientIp, String usernameKey) {
    RateLimit.Counter[] c =
        counters.hitAndPeek(ipKey(clientIp), perIp.window(), userKey(usernameKey));
    RateLimit.Decision byIp = perIp.afterHit(c[0]);
    RateLimit.Decision byUser = failuresPerUsername.beforeHit(c[1]);
    return longer(byIp, byUser);
  }

  public void failed(String usernameKey) {
    counters.hit(userKey(usernameKey), failuresPerUsername.window());
  }

  public void succeeded(String usernameKey) {
    counters.reset(userKey(usernameKey));
  }

  private static RateLimit.Decision longer(RateLimit.Decision a, RateLimit.Decision b) {
    if (a instanceof RateLimit.Decision.Limited la && b instanceof RateLimit.Decision.Limited lb) {
      Duration longer =
          la.retryAfter().compareTo(lb.retryAfter()) >= 0 ? la.retryAfter() : lb.retryAfter();
      return new RateLimit.Decision.Limited(longer);
    }
    return a instanceof RateLimit.Decision.Limited ? a : b;
  }

  static String ipKey(String clientIp) {
    return "auth:rl:login-ip:" + clientIp;
  }

  static String userKey(String usernameKey) {
    return "auth:rl:login-user:" + digest(usernameKey);
  }

  private static String digest(String value) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
