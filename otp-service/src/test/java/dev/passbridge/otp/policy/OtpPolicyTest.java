package dev.passbridge.otp.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OtpPolicyTest {
  static final String LOGIN = "AAAAAAAAAAAAAAAAAAAAAA";
  static final UUID USER = UUID.fromString("00000000-0000-0000-0000-000000000001");
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final CodeHasher hasher = new CodeHasher(CodeHasherTest.KEY);
  private final OtpPolicy policy = new OtpPolicy(OtpLimits.defaults(), new CodeGenerator(), hasher);
  private Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

  private IssueDecision.Issue issue() {
    return (IssueDecision.Issue)
        policy.issue(LOGIN, USER, "SMS", "+4915110000001", clock.instant(), clock.instant());
  }

  private void advance(Duration d) {
    clock = Clock.offset(clock, d);
  }

  private static String other(String code) {
    return code.equals("000000") ? "000001" : "000000";
  }

  @Test
  void issuesACodeThatOnlyItsHmacRemembers() {
    IssueDecision.Issue issue = issue();
    OtpChallenge c = issue.challenge();
    assertThat(issue.code()).matches("[0-9]{6}");
    assertThat(c.codeHmac()).isEqualTo(hasher.hash(LOGIN, issue.code()));
    assertThat(c.toString()).doesNotContain(issue.code()).doesNotContain("+4915110000001");
    assertThat(c.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(c.sentAt()).isEqualTo(T0);
    assertThat(c.attempts()).isZero();
    assertThat(c.locked()).isFalse();
  }

  @Test
  void theCodeLivesFiveMinutesFromThePasswordStep() {
    Instant occurred = T0.minusSeconds(40);
    var issue = (IssueDecision.Issue) policy.issue(LOGIN, USER, "SMS", "+49151", occurred, T0);
    assertThat(issue.challenge().expiresAt()).isEqualTo(occurred.plus(Duration.ofMinutes(5)));
  }

  @Test
  void anEventFromTheFutureCountsFromNow() {
    var issue =
        (IssueDecision.Issue) policy.issue(LOGIN, USER, "SMS", "+49151", T0.plusSeconds(3), T0);
    assertThat(issue.challenge().expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
  }

  @Test
  void anEventOlderThanTheCodeLifetimeIsStale() {
    assertThat(policy.issue(LOGIN, USER, "SMS", "+49151", T0.minus(Duration.ofMinutes(5)), T0))
        .isInstanceOf(IssueDecision.Stale.class);
  }

  @Test
  void acceptsTheRightCode() {
    var issue = issue();
    var decision = policy.verify(issue.challenge(), issue.code(), clock.instant());
    assertThat(decision).isInstanceOf(VerifyDecision.Accepted.class);
    assertThat(((VerifyDecision.Accepted) decision).eventId()).isNotNull();
  }

  @Test
  void anAcceptedRetryReusesTheUnacknowledgedEventId() {
    var issue = issue();
    UUID earlier = UUID.randomUUID();
    var decision =
        policy.verify(
            issue.challenge().withVerifiedEventId(earlier), issue.code(), clock.instant());
    assertThat(((VerifyDecision.Accepted) decision).eventId()).isEqualTo(earlier);
  }

  @Test
  void countsWrongCodesDownAndLocksOnTheFifth() {
    var issue = issue();
    OtpChallenge c = issue.challenge();
    String wrong = other(issue.code());
    for (int left = 4; left >= 1; left--) {
      var decision = policy.verify(c, wrong, clock.instant());
      assertThat(decision).isInstanceOf(VerifyDecision.Rejected.class);
      var rejected = (VerifyDecision.Rejected) decision;
      assertThat(rejected.attemptsLeft()).isEqualTo(left);
      c = rejected.next();
    }
    var fifth = policy.verify(c, wrong, clock.instant());
    assertThat(fifth).isInstanceOf(VerifyDecision.LockedNow.class);
    OtpChallenge locked = ((VerifyDecision.LockedNow) fifth).next();
    assertThat(locked.locked()).isTrue();
    assertThat(locked.attempts()).isEqualTo(5);
    assertThat(locked.lockEventId()).isNotNull();
    assertThat(locked.lockAnnounced()).isFalse();

    assertThat(policy.verify(locked, issue.code(), clock.instant()))
        .as("even the right code is refused once locked")
        .isInstanceOf(VerifyDecision.Locked.class);
  }

  @Test
  void aMalformedOrMissingCandidateIsJustWrong() {
    var issue = issue();
    assertThat(policy.verify(issue.challenge(), null, clock.instant()))
        .isInstanceOf(VerifyDecision.Rejected.class);
    assertThat(policy.verify(issue.challenge(), "12", clock.instant()))
        .isInstanceOf(VerifyDecision.Rejected.class);
  }

  @Test
  void theCodeExpiresExactlyAtItsTtl() {
    var issue = issue();
    advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(policy.verify(issue.challenge(), issue.code(), clock.instant()))
        .isInstanceOf(VerifyDecision.Accepted.class);
    advance(Duration.ofMillis(1));
    assertThat(policy.verify(issue.challenge(), issue.code(), clock.instant()))
        .isInstanceOf(VerifyDecision.Expired.class);
  }

  @Test
  void nothingStoredIsExpired() {
    assertThat(policy.verify(null, "123456", T0)).isInstanceOf(VerifyDecision.Expired.class);
    assertThat(policy.resend(null, T0)).isInstanceOf(ResendDecision.Expired.class);
  }

  @Test
  void resendWaitsForTheCooldownCountedFromTheLastSms() {
    var issue = issue();
    advance(Duration.ofSeconds(10));
    var early = policy.resend(issue.challenge(), clock.instant());
    assertThat(early).isEqualTo(new ResendDecision.CoolingDown(Duration.ofSeconds(20)));

    advance(Duration.ofMillis(19_999));
    assertThat(policy.resend(issue.challenge(), clock.instant()))
        .isEqualTo(new ResendDecision.CoolingDown(Duration.ofMillis(1)));

    advance(Duration.ofMillis(1));
    assertThat(policy.cooldownLeft(issue.challenge(), clock.instant())).isZero();
    assertThat(policy.resend(issue.challenge(), clock.instant()))
        .isInstanceOf(ResendDecision.Reissue.class);
  }

  @Test
  void aResendReplacesTheCodeAndRestartsItsLifetime() {
    var issue = issue();
    advance(Duration.ofSeconds(30));
    var reissue = (ResendDecision.Reissue) policy.resend(issue.challenge(), clock.instant());
    OtpChallenge next = reissue.next();
    assertThat(next.resends()).isEqualTo(1);
    assertThat(next.sentAt()).isEqualTo(clock.instant());
    assertThat(next.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    assertThat(policy.verify(next, reissue.code(), clock.instant()))
        .isInstanceOf(VerifyDecision.Accepted.class);
    if (!reissue.code().equals(issue.code())) {
      assertThat(policy.verify(next, issue.code(), clock.instant()))
          .as("the old code is no longer valid")
          .isInstanceOf(VerifyDecision.Rejected.class);
    }
    assertThat(policy.resend(next, clock.instant()))
        .as("the cooldown restarts with the new SMS")
        .isEqualTo(new ResendDecision.CoolingDown(Duration.ofSeconds(30)));
  }

  @Test
  void resendDoesNotResetTheAttempts() {
    var issue = issue();
    var rejected =
        (VerifyDecision.Rejected)
            policy.verify(issue.challenge(), other(issue.code()), clock.instant());
    advance(Duration.ofSeconds(30));
    var reissue = (ResendDecision.Reissue) policy.resend(rejected.next(), clock.instant());
    assertThat(reissue.next().attempts()).isEqualTo(1);
  }

  @Test
  void allowsAtMostThreeResends() {
    OtpChallenge c = issue().challenge();
    for (int i = 1; i <= 3; i++) {
      advance(Duration.ofSeconds(30));
      var reissue = (ResendDecision.Reissue) policy.resend(c, clock.instant());
      c = reissue.next();
      assertThat(policy.resendsLeft(c)).isEqualTo(3 - i);
    }
    advance(Duration.ofSeconds(30));
    assertThat(policy.resend(c, clock.instant())).isInstanceOf(ResendDecision.LimitReached.class);
  }

  @Test
  void noResendForALockedOrExpiredLogin() {
    var issue = issue();
    OtpChallenge c = issue.challenge();
    for (int i = 0; i < 5; i++) {
      var d = policy.verify(c, other(issue.code()), clock.instant());
      c = d instanceof VerifyDecision.Rejected r ? r.next() : ((VerifyDecision.LockedNow) d).next();
    }
    advance(Duration.ofSeconds(30));
    assertThat(policy.resend(c, clock.instant())).isInstanceOf(ResendDecision.Locked.class);
    advance(Duration.ofMinutes(5));
    assertThat(policy.resend(issue.challenge(), clock.instant()))
        .isInstanceOf(ResendDecision.Expired.class);
  }

  @Test
  void anUndoneResendGivesBackCounterAndCooldownButKeepsTheNewCode() {
    var issue = issue();
    advance(Duration.ofSeconds(45));
    var reissue = (ResendDecision.Reissue) policy.resend(issue.challenge(), clock.instant());
    OtpChallenge undone = reissue.next().resendUndone(issue.challenge());
    assertThat(undone.resends()).isZero();
    assertThat(undone.sentAt()).isEqualTo(T0);
    assertThat(undone.codeHmac()).isEqualTo(reissue.next().codeHmac());
    assertThat(policy.resend(undone, clock.instant())).isInstanceOf(ResendDecision.Reissue.class);
  }

  @Test
  void limitsAreConfigurable() {
    var strict =
        new OtpPolicy(
            new OtpLimits(Duration.ofSeconds(60), 2, Duration.ofSeconds(5), 1),
            new CodeGenerator(),
            hasher);
    var issue = (IssueDecision.Issue) strict.issue(LOGIN, USER, "SMS", "+49151", T0, T0);
    var first = strict.verify(issue.challenge(), other(issue.code()), T0);
    assertThat(first).isInstanceOf(VerifyDecision.Rejected.class);
    assertThat(((VerifyDecision.Rejected) first).attemptsLeft()).isEqualTo(1);
    var second = strict.verify(((VerifyDecision.Rejected) first).next(), other(issue.code()), T0);
    assertThat(second).isInstanceOf(VerifyDecision.LockedNow.class);
    assertThat(strict.resend(issue.challenge(), T0.plusSeconds(4)))
        .isEqualTo(new ResendDecision.CoolingDown(Duration.ofSeconds(1)));
    assertThat(strict.verify(issue.challenge(), issue.code(), T0.plusSeconds(60)))
        .isInstanceOf(VerifyDecision.Expired.class);
  }
}
