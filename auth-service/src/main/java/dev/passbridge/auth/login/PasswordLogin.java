package dev.passbridge.auth.login;

import dev.passbridge.auth.accounts.PasswordPolicy;
import dev.passbridge.auth.accounts.UserAccount;
import dev.passbridge.auth.accounts.UserAccounts;
import dev.passbridge.auth.accounts.Username;
import dev.passbridge.auth.login.device.PlatformResolver;
import dev.passbridge.auth.password.PasswordHasher;
import dev.passbridge.auth.ratelimit.RateLimit;
import dev.passbridge.contracts.events.LoginMethod;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.SecondFactor;
import dev.passbridge.contracts.ids.LoginBinding;
import dev.passbridge.contracts.ids.LoginId;
import dev.passbridge.contracts.ids.Tokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password step of a login (docs/architecture.md §4).
 *
 * <p>Enumeration safety: an unknown username and a wrong password take the same path (one account
 * lookup, one Argon2id verification, against a dummy hash made with the current parameters when
 * there is no account, one failure count) and give the same {@link
 * LoginOutcome.InvalidCredentials}. The rate limits run first and do not depend on the account
 * either.
 *
 * <p>On success: the hash is upgraded if it was made with weaker parameters than today's, the
 * client's failure count for this username is reset and a fresh device token issued, a login
 * transaction ({@code PASSWORD_OK}) is stored, and {@code PasswordAuthenticated} is published and
 * acknowledged before the answer goes out. A login whose event the broker did not acknowledge is
 * held for the browser's retry ({@link LoginOutcome.NotAnnounced}), which resumes it.
 */
public final class PasswordLogin {
  private static final Logger log = LoggerFactory.getLogger(PasswordLogin.class);

  private final UserAccounts accounts;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final LoginTransactions transactions;
  private final LoginEvents events;
  private final PlatformResolver platforms;
  private final Clock clock;
  private final Duration transactionTtl;
  private final Duration otpTtl;
  private final String dummyHash;

  public PasswordLogin(
      UserAccounts accounts,
      PasswordHasher hasher,
      LoginThrottle throttle,
      LoginTransactions transactions,
      LoginEvents events,
      PlatformResolver platforms,
      Clock clock,
      Duration transactionTtl,
      Duration otpTtl) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.throttle = throttle;
    this.transactions = transactions;
    this.events = events;
    this.platforms = platforms;
    this.clock = clock;
    this.transactionTtl = transactionTtl;
    this.otpTtl = otpTtl;
    this.dummyHash = hasher.hash(randomPassword());
  }

  public LoginOutcome attempt(LoginAttempt attempt) {
    String typed = attempt.username().strip();
    String key = Username.keyOf(typed);
    LoginThrottle.Check limits = throttle.check(attempt.clientIp(), key, attempt.deviceToken());
    if (limits.decision() instanceof RateLimit.Decision.Limited limited) {
      return new LoginOutcome.Throttled(limited.retryAfter());
    }
    String deviceToken;
    UserAccount user;
    Instant now;
    boolean settled = false;
    try {
      Optional<UserAccount> found = accounts.findByUsernameKey(key);
      String password = PasswordPolicy.normalise(attempt.password());
      boolean verified;
      if (found.isPresent()) {
        verified = hasher.verify(password, found.get().passwordHash());
      } else {
        hasher.verify(password, dummyHash); // same work, same time as a wrong password
        verified = false;
      }
      if (!verified) {
        throttle.failed(limits);
        settled = true;
        return new LoginOutcome.InvalidCredentials();
      }
      user = found.get();
      // to the millisecond, as the login is stored: a resumed login's event is the same event
      now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      if (hasher.needsRehash(user.passwordHash())) {
        accounts.updatePasswordHash(user.id(), hasher.hash(password), now);
        log.info("password hash of user {} upgraded to the current parameters", user.id());
      }
      deviceToken = throttle.succeeded(limits);
      settled = true;
    } finally {
      if (!settled) {
        // no outcome (the hashing queue was full, the database did not answer): the attempt
        // counts for nothing, and its reservation must not outlive it
        throttle.release(limits);
      }
    }

    Platform platform = platforms.resolve(attempt.client().userAgent(), attempt.client().hints());
    Optional<LoginTransactions.Held> held = held(attempt, user, now);
    // a resumed login keeps the binding it was opened with, which only now reaches a browser: the
    // event announced again is the same event, binding included, and no token a client presents
    // is ever adopted (a planted cookie would fixate the binding)
    String bindingToken =
        held.map(h -> HeldBinding.unseal(h.sealedBinding(), attempt.retryToken()))
            .orElseGet(LoginBinding::newToken);
    String binding = LoginBinding.digest(bindingToken);
    String loginId;
    UUID eventId;
    Instant occurredAt;
    if (held.isPresent()) {
      // this browser's retry of a login whose announcement was not acknowledged: the same login
      // and the same event, so at most one SMS, and its code is the one this login takes
      loginId = held.get().transaction().loginId();
      eventId = held.get().eventId();
      occurredAt = held.get().transaction().createdAt();
    } else {
      loginId = LoginId.random().value();
      eventId = UUID.randomUUID();
      occurredAt = now;
      transactions.open(
          new LoginTransaction(
              loginId,
              user.id(),
              LoginState.PASSWORD_OK,
              LoginMethod.PASSWORD_OTP,
              LoginTransaction.AMR_PASSWORD_OTP,
              typed,
              user.displayName(),
              user.roles(),
              now,
              now.plus(transactionTtl)),
          binding,
          transactionTtl);
    }
    try {
      events.passwordAuthenticated(
          new PasswordAuthenticated(
                  eventId,
                  occurredAt,
                  user.id(),
                  loginId,
                  typed,
                  user.displayName(),
                  user.userHandle(),
                  new SecondFactor(SecondFactor.SMS, user.phone().e164()),
                  attempt.client(),
                  platform)
              .withLoginBinding(binding));
    } catch (RuntimeException e) {
      return notAnnounced(
          attempt,
          held,
          user.id(),
          loginId,
          eventId,
          occurredAt,
          now,
          deviceToken,
          bindingToken,
          e);
    }
    if (held.isPresent()) {
      log.info("login {} of user {} resumed by the browser's retry", loginId, user.id());
    } else {
      log.info(
          "password accepted for user {}, login {} waits for the second factor",
          user.id(),
          loginId);
    }
    return new LoginOutcome.SecondFactorRequired(
        loginId,
        user.id(),
        SecondFactor.SMS,
        user.phone().masked(),
        occurredAt.plus(otpTtl),
        deviceToken,
        bindingToken);
  }

  /**
   * The broker did not acknowledge the login's event. It may still be delivered, so the login is
   * kept (not thrown away, as it was: that sent the SMS of a login the browser had been told
   * failed, and the retry a second one) and held for this browser's retry while at least half of
   * its code's life is left. A resumed login that fails again is held again under the same retry
   * token, for what is left of its first window.
   */
  private LoginOutcome notAnnounced(
      LoginAttempt attempt,
      Optional<LoginTransactions.Held> held,
      UUID userId,
      String loginId,
      UUID eventId,
      Instant occurredAt,
      Instant now,
      String deviceToken,
      String bindingToken,
      RuntimeException cause) {
    Duration window = Duration.between(now, resumableUntil(occurredAt));
    if (window.isNegative()) {
      window = Duration.ZERO;
    }
    // a resumed login refused again is held again under the same retry token (its resume took the
    // hold away), for what is left of its window
    String retryToken = held.isPresent() ? attempt.retryToken() : Tokens.newToken();
    transactions.holdForRetry(
        retryKey(retryToken), loginId, eventId, HeldBinding.seal(bindingToken, retryToken), window);
    log.warn(
        "login {} of user {}: PasswordAuthenticated not acknowledged ({}); held {} s for a retry",
        loginId,
        userId,
        cause.toString(),
        window.toSeconds());
    return new LoginOutcome.NotAnnounced(deviceToken, retryToken, window);
  }

  /**
   * The login held for this browser's retry, if it may be resumed now: taken away from the hold, so
   * that of concurrent retries presenting the same retry token only one resumes it and gets its
   * binding (the others start new logins).
   */
  private Optional<LoginTransactions.Held> held(
      LoginAttempt attempt, UserAccount user, Instant now) {
    if (!Tokens.isToken(attempt.retryToken())) {
      return Optional.empty();
    }
    String retryKey = retryKey(attempt.retryToken());
    return transactions
        .held(retryKey, user.id(), now)
        .filter(h -> now.isBefore(resumableUntil(h.transaction().createdAt())))
        .filter(h -> transactions.takeHold(retryKey));
  }

  /** A held login is resumed while at least half of its code's life is left. */
  private Instant resumableUntil(Instant occurredAt) {
    return occurredAt.plus(otpTtl.dividedBy(2));
  }

  /** The Redis name of a retry token: a digest, never the token. */
  static String retryKey(String retryToken) {
    return "auth:login-retry:" + Tokens.digest(retryToken);
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
