package dev.passbridge.otp.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-account cap: wrong codes count per user across logins, so new password logins do not buy
 * new guesses. Fixed instants only; the state is threaded through by hand as the store would.
 */
class AccountLimitPolicyTest {
  static final UUID USER = UUID.fromString("00000000-0000-0000-0000-000000000001");
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Duration WINDOW = Duration.ofHours(24);
  static final Duration LOCK = Duration.ofHours(1);

  final CodeHasher hasher = new CodeHasher(CodeHasherTest.KEY);
  final OtpPolicy policy =
      new OtpPolicy(
          new OtpLimits(Duration.ofMinutes(5), 5, Duration.ofSeconds(30), 3, 10, WINDOW, LOCK),
          new CodeGenerator(),
          hasher);
  int logins;

  IssueDecision.Issue login(Instant at) {
    String loginId = String.format("LOGIN%017d", ++logins);
    return (IssueDecision.Issue) policy.issue(loginId, USER, "SMS", "+4915110000001", at, at);
  }

  static String other(String code) {
    return code.equals("000000") ? "000001" : "000000";
  }

  /** Five wrong codes on a fresh login (its lock), one second apart; returns the account after. */
  AccountStrikes burnALogin(AccountStrikes account, Instant start) {
    var issue = login(start);
    OtpChallenge c = issue.challenge();
    for (int i = 0; i < 5; i++) {
      var d = policy.verify(c, account, other(issue.code()), start.plusSeconds(i));
      switch (d) {
        case VerifyDecision.Rejected r -> {
          c = r.next();
          account = r.account();
        }
        case VerifyDecision.LockedNow l -> {
          c = l.next();
          account = l.account();
        }
        case VerifyDecision.AccountLockedNow l -> {
          return l.account();
        }
        default -> throw new AssertionError("unexpected " + d);
      }
    }
    return account;
  }

  @Test
  void wrongCodesCountPerAccountAcrossLogins() {
    AccountStrikes account = burnALogin(AccountStrikes.none(USER), T0);
    assertThat(account.failures()).hasSize(5);
    assertThat(account.lockedAt(T0.plusSeconds(5))).isFalse();

    var second = login(T0.plusSeconds(10));
    var d = policy.verify(second.challenge(), account, other(second.code()), T0.plusSeconds(10));
    assertThat(d).isInstanceOf(VerifyDecision.Rejected.class);
    var rejected = (VerifyDecision.Rejected) d;
    assertThat(rejected.attemptsLeft()).as("the login's own count starts afresh").isEqualTo(4);
    assertThat(rejected.account().failures()).as("the account's does not").hasSize(6);
  }

  /**
   * {@code attemptsLeft} counts the codes the login may still enter, the last of which, if wrong,
   * locks, whichever limit is nearer: with 8 of the account's 10 wrong codes used, a new login's
   * first wrong code answered 4 (its own count) and the next one locked the account.
   */
  @ParameterizedTest(name = "{0} earlier wrong codes on the account")
  @ValueSource(ints = {0, 3, 5, 6, 7, 8, 9})
  void attemptsLeftCountsDownToTheLockThatComesFirst(int earlier) {
    List<Instant> failures = new ArrayList<>();
    for (int i = earlier; i > 0; i--) {
      failures.add(T0.minusSeconds(60L * i));
    }
    AccountStrikes account = new AccountStrikes(USER, failures, null, null, null, false);
    var issue = login(T0);
    OtpChallenge c = issue.challenge();
    Integer promised = null;
    for (int entered = 0; ; entered++) {
      var d = policy.verify(c, account, other(issue.code()), T0.plusSeconds(entered));
      if (!(d instanceof VerifyDecision.Rejected r)) {
        assertThat(d)
            .isInstanceOfAny(VerifyDecision.LockedNow.class, VerifyDecision.AccountLockedNow.class);
        assertThat(promised)
            .as("the lock comes with the last attempt promised (none with the 10th at once)")
            .isEqualTo(earlier == 9 ? null : 1);
        assertThat(entered).isEqualTo(Math.min(5, 10 - earlier) - 1);
        return;
      }
      if (promised != null) {
        assertThat(r.attemptsLeft()).as("one fewer per wrong code").isEqualTo(promised - 1);
      }
      promised = r.attemptsLeft();
      assertThat(promised).isPositive();
      c = r.next();
      account = r.account();
    }
  }

  @Test
  void withEightWrongCodesOnTheAccountANewLoginHasOneAttemptLeftAfterItsFirst() {
    List<Instant> eight = new ArrayList<>();
    for (int i = 8; i > 0; i--) {
      eight.add(T0.minusSeconds(60L * i));
    }
    var issue = login(T0);
    var first =
        policy.verify(
            issue.challenge(),
            new AccountStrikes(USER, eight, null, null, null, false),
            other(issue.code()),
            T0);
    var rejected = (VerifyDecision.Rejected) first;
    assertThat(rejected.attemptsLeft()).isEqualTo(1);
    assertThat(policy.verify(rejected.next(), rejected.account(), other(issue.code()), T0))
        .isInstanceOf(VerifyDecision.AccountLockedNow.class);
    // wrong codes older than the window count for nothing
    eight.replaceAll(at -> at.minus(WINDOW));
    var fresh =
        policy.verify(
            issue.challenge(),
            new AccountStrikes(USER, eight, null, null, null, false),
            other(issue.code()),
            T0);
    assertThat(((VerifyDecision.Rejected) fresh).attemptsLeft()).isEqualTo(4);
  }

  @Test
  void theTenthWrongCodeOfTheAccountLocksItsCodeEntry() {
    AccountStrikes account = burnALogin(AccountStrikes.none(USER), T0);
    var third = login(T0.plusSeconds(60));
    OtpChallenge c = third.challenge();
    Instant at = T0.plusSeconds(60);
    for (int i = 0; i < 4; i++) {
      var r = (VerifyDecision.Rejected) policy.verify(c, account, other(third.code()), at);
      c = r.next();
      account = r.account();
    }
    var d = policy.verify(c, account, other(third.code()), at);

    assertThat(d).isInstanceOf(VerifyDecision.AccountLockedNow.class);
    var lockedNow = (VerifyDecision.AccountLockedNow) d;
    AccountStrikes locked = lockedNow.account();
    assertThat(locked.lockedUntil()).isEqualTo(at.plus(LOCK));
    assertThat(locked.lockEventId()).isNotNull();
    assertThat(locked.lockLoginId()).isEqualTo(third.challenge().loginId());
    assertThat(locked.lockAnnounced()).isFalse();
    assertThat(locked.failures()).hasSize(10);
    OtpChallenge loginAfter = lockedNow.next();
    assertThat(loginAfter.locked()).as("the same code used the login's last attempt").isTrue();
    assertThat(loginAfter.lockEventId())
        .as("one event speaks for both locks")
        .isEqualTo(locked.lockEventId());
    assertThat(loginAfter.lockAnnounced()).isTrue();
  }

  @Test
  void theAccountLockCanFallInTheMiddleOfALogin() {
    AccountStrikes account = burnALogin(AccountStrikes.none(USER), T0);
    account = burnALogin(account, T0.plusSeconds(10)); // 10: locked by the second login
    assertThat(account.lockedAt(T0.plusSeconds(20))).isTrue();

    OtpPolicy twelve =
        new OtpPolicy(
            new OtpLimits(Duration.ofMinutes(5), 5, Duration.ofSeconds(30), 3, 12, WINDOW, LOCK),
            new CodeGenerator(),
            hasher);
    var issue = login(T0);
    AccountStrikes strikes =
        new AccountStrikes(USER, account.failures(), null, null, null, false); // 10, unlocked
    var first = twelve.verify(issue.challenge(), strikes, other(issue.code()), T0.plusSeconds(30));
    assertThat(first).isInstanceOf(VerifyDecision.Rejected.class);
    var r = (VerifyDecision.Rejected) first;
    var second = twelve.verify(r.next(), r.account(), other(issue.code()), T0.plusSeconds(31));
    assertThat(second).isInstanceOf(VerifyDecision.AccountLockedNow.class);
    var l = (VerifyDecision.AccountLockedNow) second;
    assertThat(l.next().locked()).as("the login had attempts left").isFalse();
    assertThat(l.next().attempts()).isEqualTo(2);

    var right = twelve.verify(l.next(), l.account(), issue.code(), T0.plusSeconds(32));
    assertThat(right)
        .as("even the right code, on a login with attempts left")
        .isInstanceOf(VerifyDecision.AccountLocked.class);
  }

  @Test
  void whileLockedNothingIsAcceptedNothingCountsAndNothingIsSent() {
    AccountStrikes locked =
        burnALogin(burnALogin(AccountStrikes.none(USER), T0), T0.plusSeconds(10));
    Instant lockedAt = T0.plusSeconds(14);
    assertThat(locked.lockedUntil()).isEqualTo(lockedAt.plus(LOCK));

    Instant later = lockedAt.plus(Duration.ofMinutes(20));
    var fresh = login(later);
    var right = policy.verify(fresh.challenge(), locked, fresh.code(), later);
    assertThat(right).isInstanceOf(VerifyDecision.AccountLocked.class);
    assertThat(((VerifyDecision.AccountLocked) right).retryAfter())
        .isEqualTo(Duration.ofMinutes(40));
    assertThat(policy.verify(fresh.challenge(), locked, other(fresh.code()), later))
        .as("a wrong code is not counted either")
        .isInstanceOf(VerifyDecision.AccountLocked.class);
    assertThat(policy.resend(fresh.challenge(), locked, null, later.plusSeconds(31)))
        .isEqualTo(new ResendDecision.AccountLocked(Duration.ofMinutes(40).minusSeconds(31)));
    assertThat(policy.accountLockLeft(locked, later)).isEqualTo(Duration.ofMinutes(40));
    assertThat(policy.accountLockLeft(locked, lockedAt.plus(LOCK))).isZero();
    assertThat(policy.accountLockLeft(null, later)).isZero();
  }

  @Test
  void theAccountLockIsAnsweredBeforeTheLoginLock() {
    AccountStrikes locked =
        burnALogin(burnALogin(AccountStrikes.none(USER), T0), T0.plusSeconds(10));
    var issue = login(T0);
    OtpChallenge loginLocked = issue.challenge().lockedAfter(5, UUID.randomUUID());
    assertThat(policy.verify(loginLocked, locked, issue.code(), T0.plusSeconds(20)))
        .isInstanceOf(VerifyDecision.AccountLocked.class);
  }

  @Test
  void afterTheLockTheRightCodeGetsInAndForgivesTheWrongOnes() {
    AccountStrikes locked =
        burnALogin(burnALogin(AccountStrikes.none(USER), T0), T0.plusSeconds(10));
    Instant after = locked.lockedUntil();
    var fresh = login(after);

    var d = policy.verify(fresh.challenge(), locked, fresh.code(), after);
    assertThat(d).isInstanceOf(VerifyDecision.Accepted.class);
    AccountStrikes forgiven = ((VerifyDecision.Accepted) d).account();
    assertThat(forgiven.isEmpty()).isTrue();
    assertThat(forgiven.userId()).isEqualTo(USER);
  }

  @Test
  void oneMoreWrongCodeInsideTheWindowLocksAgainAtOnce() {
    AccountStrikes locked =
        burnALogin(burnALogin(AccountStrikes.none(USER), T0), T0.plusSeconds(10));
    Instant after = locked.lockedUntil();
    var fresh = login(after);

    var d = policy.verify(fresh.challenge(), locked, other(fresh.code()), after);
    assertThat(d).isInstanceOf(VerifyDecision.AccountLockedNow.class);
    AccountStrikes again = ((VerifyDecision.AccountLockedNow) d).account();
    assertThat(again.lockedUntil()).isEqualTo(after.plus(LOCK));
    assertThat(again.lockEventId())
        .as("a new lock, a new event")
        .isNotEqualTo(locked.lockEventId());
    assertThat(again.failures()).as("only the newest ten are kept").hasSize(10);
    assertThat(again.failures().getLast()).isEqualTo(after);
  }

  @Test
  void wrongCodesOlderThanTheWindowNoLongerCount() {
    AccountStrikes nine = burnALogin(AccountStrikes.none(USER), T0);
    var four = login(T0.plusSeconds(10));
    OtpChallenge c = four.challenge();
    for (int i = 0; i < 4; i++) {
      var r =
          (VerifyDecision.Rejected) policy.verify(c, nine, other(four.code()), T0.plusSeconds(10));
      c = r.next();
      nine = r.account();
    }
    assertThat(nine.failures()).hasSize(9);

    Instant edge = T0.plus(WINDOW).plusSeconds(4);
    var late = login(T0.plus(WINDOW));
    var atTheEdge = policy.verify(late.challenge(), nine, other(late.code()), edge);
    assertThat(atTheEdge)
        .as("the first five are one window old or older: they no longer count")
        .isInstanceOf(VerifyDecision.Rejected.class);
    assertThat(((VerifyDecision.Rejected) atTheEdge).account().failures()).hasSize(5);

    var early = policy.verify(late.challenge(), nine, other(late.code()), T0.plusSeconds(20));
    assertThat(early)
        .as("inside the window the tenth locks")
        .isInstanceOf(VerifyDecision.AccountLockedNow.class);
  }

  @Test
  void anAccountStateOfAnotherUserIsRefused() {
    var issue = login(T0);
    assertThatThrownBy(
            () ->
                policy.verify(
                    issue.challenge(), AccountStrikes.none(UUID.randomUUID()), "123456", T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void accountLimitsAreValidated() {
    assertThatThrownBy(
            () -> new OtpLimits(Duration.ofMinutes(5), 5, Duration.ZERO, 3, 0, WINDOW, LOCK))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new OtpLimits(Duration.ofMinutes(5), 5, Duration.ZERO, 3, 10, Duration.ZERO, LOCK))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(OtpLimits.defaults().accountMaxFailures()).isEqualTo(10);
    assertThat(OtpLimits.defaults().accountWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(OtpLimits.defaults().accountLockDuration()).isEqualTo(Duration.ofHours(1));
  }

  static final String BINDING = "0123456789abcdef0123456789abcdef";

  /**
   * A stranger who read a login id (events, log lines) holds no browser binding. Their codes, wrong
   * or right, are not theirs to enter: nothing counts on the login or on the account, whatever the
   * login's state, and nothing tells them that state. Neither can someone who knows the password
   * guess from a second client without the binding (where a wrong code would not count on the
   * account) and then take the session in the bound browser.
   */
  @Test
  void codesFromAnotherBrowserAreNotYoursAndCountNothing() {
    var issue = login(T0);
    OtpChallenge c = issue.challenge().withBinding(BINDING);
    for (String presented : new String[] {null, "ffffffffffffffffffffffffffffffff"}) {
      assertThat(policy.verify(c, AccountStrikes.none(USER), other(issue.code()), presented, T0))
          .isInstanceOf(VerifyDecision.NotYours.class);
      assertThat(policy.verify(c, AccountStrikes.none(USER), issue.code(), presented, T0))
          .isInstanceOf(VerifyDecision.NotYours.class);
      // a locked login, a locked account, an expired code: the same answer
      assertThat(
              policy.verify(c.lockedAfter(5, UUID.randomUUID()), null, issue.code(), presented, T0))
          .isInstanceOf(VerifyDecision.NotYours.class);
      AccountStrikes locked =
          burnALogin(burnALogin(AccountStrikes.none(USER), T0), T0.plusSeconds(10));
      assertThat(locked.lockedAt(T0.plusSeconds(20))).isTrue();
      assertThat(policy.verify(c, locked, issue.code(), presented, T0.plusSeconds(20)))
          .isInstanceOf(VerifyDecision.NotYours.class);
      assertThat(policy.verify(c, null, issue.code(), presented, T0.plus(Duration.ofHours(1))))
          .isInstanceOf(VerifyDecision.NotYours.class);
    }
    // the login's own browser still has all five attempts and the right code works
    var own = policy.verify(c, AccountStrikes.none(USER), other(issue.code()), BINDING, T0);
    assertThat(((VerifyDecision.Rejected) own).attemptsLeft()).isEqualTo(4);
    assertThat(policy.verify(c, null, issue.code(), BINDING, T0))
        .isInstanceOf(VerifyDecision.Accepted.class);
  }

  @Test
  void onlyTheLoginsBrowserMayAskForAnotherCode() {
    var issue = login(T0);
    OtpChallenge c = issue.challenge().withBinding(BINDING);
    Instant later = T0.plus(Duration.ofMinutes(2));
    assertThat(policy.resend(c, null, null, later)).isInstanceOf(ResendDecision.NotYours.class);
    assertThat(policy.resend(c, null, "ffffffffffffffffffffffffffffffff", later))
        .isInstanceOf(ResendDecision.NotYours.class);
    assertThat(policy.resend(c, null, BINDING, later)).isInstanceOf(ResendDecision.Reissue.class);
    // a login announced without a binding (an event from before the field): anyone, as before
    assertThat(policy.resend(issue.challenge(), null, null, later))
        .isInstanceOf(ResendDecision.Reissue.class);
  }

  @Test
  void wrongCodesFromTheLoginsBrowserCountOnTheAccount() {
    var issue = login(T0);
    OtpChallenge c = issue.challenge().withBinding(BINDING);
    var d = policy.verify(c, AccountStrikes.none(USER), other(issue.code()), BINDING, T0);
    assertThat(((VerifyDecision.Rejected) d).account().failures()).containsExactly(T0);

    // a login announced without a binding (an event from before the field) counts every one
    var legacy = login(T0);
    var e =
        policy.verify(
            legacy.challenge(), AccountStrikes.none(USER), other(legacy.code()), null, T0);
    assertThat(((VerifyDecision.Rejected) e).account().failures()).containsExactly(T0);
  }

  @Test
  void theRightCodeFromTheLoginsBrowserForgivesTheAccountsWrongCodes() {
    AccountStrikes account = burnALogin(AccountStrikes.none(USER), T0);
    assertThat(account.failures()).hasSize(5);
    var issue = login(T0.plusSeconds(60));
    OtpChallenge c = issue.challenge().withBinding(BINDING);
    var own = policy.verify(c, account, issue.code(), BINDING, T0.plusSeconds(61));
    assertThat(((VerifyDecision.Accepted) own).account().failures()).isEmpty();
  }
}
