package dev.passbridge.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.auth.accounts.PhoneNumber;
import dev.passbridge.auth.accounts.UserAccount;
import dev.passbridge.auth.fakes.InMemoryLoginTransactions;
import dev.passbridge.auth.fakes.InMemoryUserAccounts;
import dev.passbridge.auth.fakes.MutableClock;
import dev.passbridge.contracts.events.LoginMethod;
import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.OtpLocked;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PasskeyAuthenticated;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginCompletionTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  private final InMemoryLoginTransactions transactions = new InMemoryLoginTransactions();
  private final InMemoryUserAccounts accounts = new InMemoryUserAccounts();
  private final LoginCompletion completion =
      new LoginCompletion(transactions, accounts, clock, Duration.ofMinutes(10));
  private final UUID userId = UUID.randomUUID();

  @BeforeEach
  void user() {
    Instant now = clock.instant();
    accounts.insert(
        new UserAccount(
            userId,
            "Carol",
            "carol",
            "Carol C.",
            new PhoneNumber("+4915110000003"),
            "$argon2id$x",
            "handle",
            List.of("user", "admin"),
            now,
            now));
  }

  private void passwordOk(String loginId) {
    Instant now = clock.instant();
    transactions.open(
        new LoginTransaction(
            loginId,
            userId,
            LoginState.PASSWORD_OK,
            LoginMethod.PASSWORD_OTP,
            LoginTransaction.AMR_PASSWORD_OTP,
            "carol",
            "Carol C.",
            List.of("user"),
            now,
            now.plus(Duration.ofMinutes(10))),
        null,
        Duration.ofMinutes(10));
  }

  @Test
  void otpVerifiedCompletesThePasswordLoginOnce() {
    passwordOk("login-000000000000001");
    var event =
        new OtpVerified(UUID.randomUUID(), clock.instant(), userId, "login-000000000000001", "SMS");

    assertThat(completion.otpVerified(event)).isEqualTo(LoginTransactions.Completion.COMPLETED);
    assertThat(completion.otpVerified(event)).isEqualTo(LoginTransactions.Completion.DUPLICATE);
    assertThat(transactions.byId.get("login-000000000000001").state())
        .isEqualTo(LoginState.COMPLETED);
  }

  @Test
  void aLockedCodeEndsTheLoginSoItsSessionIsRefusedAtOnce() {
    passwordOk("login-000000000000009");
    var locked =
        new OtpLocked(
            UUID.randomUUID(),
            clock.instant(),
            userId,
            "login-000000000000009",
            OtpLocked.TOO_MANY_ATTEMPTS);

    assertThat(completion.otpLocked(locked)).isTrue();
    assertThat(completion.otpLocked(locked)).as("a redelivery changes nothing").isFalse();
    assertThat(transactions.claim("login-000000000000009", clock.instant()))
        .isInstanceOf(LoginTransactions.Claim.Locked.class);
    // a locked login is not completed by a late OtpVerified either
    assertThat(
            completion.otpVerified(
                new OtpVerified(
                    UUID.randomUUID(), clock.instant(), userId, "login-000000000000009", "SMS")))
        .isEqualTo(LoginTransactions.Completion.DUPLICATE);
    // another user's lock, or one for an unknown login, locks nothing
    passwordOk("login-000000000000010");
    assertThat(
            completion.otpLocked(
                new OtpLocked(
                    UUID.randomUUID(),
                    clock.instant(),
                    UUID.randomUUID(),
                    "login-000000000000010",
                    OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS)))
        .isFalse();
    assertThat(transactions.claim("login-000000000000010", clock.instant()))
        .isInstanceOf(LoginTransactions.Claim.Pending.class);
  }

  @Test
  void otpVerifiedForAnotherUserIsIgnored() {
    passwordOk("login-000000000000002");
    var event =
        new OtpVerified(
            UUID.randomUUID(), clock.instant(), UUID.randomUUID(), "login-000000000000002", "SMS");

    assertThat(completion.otpVerified(event)).isEqualTo(LoginTransactions.Completion.USER_MISMATCH);
    assertThat(transactions.byId.get("login-000000000000002").state())
        .isEqualTo(LoginState.PASSWORD_OK);
  }

  @Test
  void passkeyAuthenticatedCreatesACompletedLoginWithHardwareKeyAmr() {
    var event =
        new PasskeyAuthenticated(
            UUID.randomUUID(), clock.instant(), userId, "passkey-login-0000001", "cred");

    assertThat(completion.passkeyAuthenticated(event))
        .isEqualTo(LoginTransactions.Completion.COMPLETED);
    assertThat(completion.passkeyAuthenticated(event))
        .isEqualTo(LoginTransactions.Completion.DUPLICATE);

    LoginTransaction t = transactions.byId.get("passkey-login-0000001");
    assertThat(t.state()).isEqualTo(LoginState.COMPLETED);
    assertThat(t.method()).isEqualTo(LoginMethod.PASSKEY);
    assertThat(t.amr()).containsExactly("hwk");
    assertThat(t.roles()).containsExactly("user", "admin");
    assertThat(t.username()).isEqualTo("Carol");
  }

  @Test
  void aReplayedPasskeyEventOlderThanALoginIsIgnored() {
    var event =
        new PasskeyAuthenticated(
            UUID.randomUUID(), clock.instant(), userId, "passkey-login-0000002", "cred");
    clock.advance(Duration.ofMinutes(11));

    assertThat(completion.passkeyAuthenticated(event))
        .isEqualTo(LoginTransactions.Completion.MISSING);
    assertThat(transactions.byId).doesNotContainKey("passkey-login-0000002");
  }

  @Test
  void aPasskeyEventForAnUnknownUserIsIgnored() {
    var event =
        new PasskeyAuthenticated(
            UUID.randomUUID(), clock.instant(), UUID.randomUUID(), "passkey-login-0000003", "cred");
    assertThat(completion.passkeyAuthenticated(event))
        .isEqualTo(LoginTransactions.Completion.USER_MISMATCH);
    assertThat(transactions.byId).isEmpty();
  }

  @Test
  void connectLoginsAreNotOursToComplete() {
    passwordOk("l-connect");
    OtpVerified connect =
        new OtpVerified(
            UUID.randomUUID(),
            clock.instant(),
            userId,
            "l-connect",
            "totp",
            LoginSource.CONNECT,
            "shop");
    assertThat(completion.otpVerified(connect)).isEqualTo(LoginTransactions.Completion.MISSING);
    assertThat(transactions.claim("l-connect", clock.instant()))
        .isInstanceOf(LoginTransactions.Claim.Pending.class);
    PasskeyAuthenticated passkey =
        new PasskeyAuthenticated(
            UUID.randomUUID(),
            clock.instant(),
            userId,
            "l-connect-passkey",
            "cred",
            LoginSource.CONNECT,
            "shop");
    assertThat(completion.passkeyAuthenticated(passkey))
        .isEqualTo(LoginTransactions.Completion.MISSING);
    assertThat(transactions.claim("l-connect-passkey", clock.instant()))
        .isInstanceOf(LoginTransactions.Claim.Missing.class);
  }
}
