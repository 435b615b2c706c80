package dev.passbridge.auth.login;

import dev.passbridge.auth.accounts.UserAccount;
import dev.passbridge.auth.accounts.UserAccounts;
import dev.passbridge.contracts.events.LoginMethod;
import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.OtpLocked;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PasskeyAuthenticated;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes logins from the events that prove the second step (at-least-once delivery, so every
 * path is idempotent):
 *
 * <ul>
 *   <li>{@code OtpVerified}: the password login's transaction goes {@code PASSWORD_OK} → {@code
 *       COMPLETED} with amr {@code pwd otp}; a repeat finds it completed already.
 *   <li>{@code PasskeyAuthenticated}: passkey-service minted a fresh loginId; a {@code COMPLETED}
 *       transaction with amr {@code hwk} is created, at most once per event id (Redis {@code SET
 *       NX}, 24 h) and only while the event is younger than a transaction's lifetime, so a replay
 *       cannot bring back a login that was already used and expired.
 * </ul>
 *
 * <p>Events of Connect logins ({@code source CONNECT}) are not ours to complete: the platform keeps
 * its own session, so they are ignored.
 */
public final class LoginCompletion {
  private static final Logger log = LoggerFactory.getLogger(LoginCompletion.class);

  private final LoginTransactions transactions;
  private final UserAccounts accounts;
  private final Clock clock;
  private final Duration transactionTtl;

  public LoginCompletion(
      LoginTransactions transactions, UserAccounts accounts, Clock clock, Duration transactionTtl) {
    this.transactions = transactions;
    this.accounts = accounts;
    this.clock = clock;
    this.transactionTtl = transactionTtl;
  }

  public LoginTransactions.Completion otpVerified(OtpVerified event) {
    if (LoginSource.of(event.source()) == LoginSource.CONNECT) {
      return LoginTransactions.Completion.MISSING; // the platform keeps the session, not us
    }
    var result =
        transactions.complete(
            event.loginId(), event.userId(), LoginTransaction.AMR_PASSWORD_OTP, clock.instant());
    switch (result) {
      case COMPLETED ->
          log.info(
              "login {} of user {} completed by the second factor",
              event.loginId(),
              event.userId());
      case DUPLICATE -> log.debug("login {} was completed already", event.loginId());
      case MISSING ->
          log.info("OtpVerified for unknown or expired login {}: ignored", event.loginId());
      case USER_MISMATCH ->
          log.warn(
              "OtpVerified {} names user {} but login {} belongs to another user: ignored",
              event.eventId(),
              event.userId(),
              event.loginId());
    }
    return result;
  }

  /**
   * A locked second factor ends its login: the session request answers {@code login-locked} at once
   * instead of asking the client to retry until the login expires. An account-wide lock names the
   * login whose wrong code caused it; that one ends too (the lock outlasts a login).
   *
   * @return true if a waiting login was locked
   */
  public boolean otpLocked(OtpLocked event) {
    // a Connect login has no transaction here (its session is the platform's): nothing to lock
    boolean locked = transactions.lock(event.loginId(), event.userId(), clock.instant());
    if (locked) {
      log.info("login {} of user {} ended: its code was locked", event.loginId(), event.userId());
    } else {
      log.debug("OtpLocked for login {} changed nothing", event.loginId());
    }
    return locked;
  }

  public LoginTransactions.Completion passkeyAuthenticated(PasskeyAuthenticated event) {
    if (LoginSource.of(event.source()) == LoginSource.CONNECT) {
      return LoginTransactions.Completion.MISSING; // answered as a login result to the platform
    }
    Instant now = clock.instant();
    if (event.occurredAt().plus(transactionTtl).isBefore(now)) {
      log.info(
          "PasskeyAuthenticated {} is older than a login's lifetime: ignored", event.eventId());
      return LoginTransactions.Completion.MISSING;
    }
    Optional<UserAccount> user = accounts.findById(event.userId());
    if (user.isEmpty()) {
      log.warn(
          "PasskeyAuthenticated {} for unknown user {}: ignored", event.eventId(), event.userId());
      return LoginTransactions.Completion.USER_MISMATCH;
    }
    Instant expiresAt = event.occurredAt().plus(transactionTtl);
    var transaction =
        new LoginTransaction(
            event.loginId(),
            event.userId(),
            LoginState.COMPLETED,
            LoginMethod.PASSKEY,
            LoginTransaction.AMR_PASSKEY,
            user.get().username(),
            user.get().displayName(),
            user.get().roles(),
            event.occurredAt(),
            expiresAt);
    var result =
        transactions.openCompleted(
            transaction, event.loginBinding(), Duration.between(now, expiresAt), event.eventId());
    if (result == LoginTransactions.Completion.COMPLETED) {
      log.info("passkey login {} of user {} completed", event.loginId(), event.userId());
    } else {
      log.debug("PasskeyAuthenticated {} seen before: ignored", event.eventId());
    }
    return result;
  }
}
