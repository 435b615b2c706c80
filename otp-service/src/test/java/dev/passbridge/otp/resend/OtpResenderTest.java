package dev.passbridge.otp.resend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.otp.policy.AccountStrikes;
import dev.passbridge.otp.policy.ChallengeStore;
import dev.passbridge.otp.policy.CodeGenerator;
import dev.passbridge.otp.policy.CodeHasher;
import dev.passbridge.otp.policy.InMemoryChallengeStore;
import dev.passbridge.otp.policy.IssueDecision;
import dev.passbridge.otp.policy.OtpChallenge;
import dev.passbridge.otp.policy.OtpLimits;
import dev.passbridge.otp.policy.OtpPolicy;
import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.SmsProperties;
import dev.passbridge.otp.sms.SmsSender;
import dev.passbridge.otp.sms.SmsTexts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Resend and the account's lock: no SMS to a locked account, also when it locks mid-request. */
class OtpResenderTest {
  static final String LOGIN = "AAAAAAAAAAAAAAAAAAAAAA";
  final Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
  final Clock clock = Clock.fixed(t0.plusSeconds(31), ZoneOffset.UTC);
  final OtpPolicy policy =
      new OtpPolicy(
          OtpLimits.defaults(),
          new CodeGenerator(),
          new CodeHasher("0123456789abcdef0123456789abcdef".getBytes()));
  final UUID user = UUID.randomUUID();
  final List<SmsMessage> sent = new ArrayList<>();
  final SmsSender sms =
      new SmsSender() {
        @Override
        public void send(SmsMessage message) {
          sent.add(message);
        }

        @Override
        public String name() {
          return "test";
        }
      };
  final SmsTexts texts =
      new SmsTexts(
          new SmsProperties(
              SmsProperties.Sender.OUTBOX,
              "Your Passbridge code is {code}. It expires in {minutes} minutes.",
              null,
              Duration.ofMinutes(15),
              new SmsProperties.ProviderProperties(
                  null,
                  null,
                  null,
                  "Passbridge",
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(3),
                  3,
                  Duration.ofMillis(200),
                  Duration.ofSeconds(2),
                  50,
                  20,
                  10,
                  Duration.ofSeconds(30),
                  2)));

  OtpChallenge issued() {
    return ((IssueDecision.Issue) policy.issue(LOGIN, user, "SMS", "+4915110000001", t0, t0))
        .challenge();
  }

  AccountStrikes lockedUntil(Instant until) {
    return new AccountStrikes(user, List.of(t0), until, UUID.randomUUID(), LOGIN, true);
  }

  @Test
  void aLockedAccountGetsNoSms() {
    var store = new InMemoryChallengeStore();
    store.insert(issued());
    store.replaceAccount(store.findAccount(user), lockedUntil(t0.plus(Duration.ofHours(1))));
    var resender = new OtpResender(policy, store, sms, texts, clock, new SimpleMeterRegistry());

    assertThat(resender.resend(LOGIN, null))
        .isEqualTo(new ResendResult.AccountLocked(Duration.ofHours(1).minusSeconds(31)));
    assertThat(sent).isEmpty();
  }

  @Test
  void anAccountLockedBetweenReadAndWriteGetsNoSms() {
    var inner = new InMemoryChallengeStore();
    inner.insert(issued());
    // another request locks the account just before this resend writes
    ChallengeStore racing =
        new ChallengeStore() {
          boolean raced;

          @Override
          public Optional<Versioned> find(String loginId) {
            return inner.find(loginId);
          }

          @Override
          public boolean insert(OtpChallenge challenge) {
            return inner.insert(challenge);
          }

          @Override
          public boolean insert(OtpChallenge challenge, VersionedAccount account) {
            return inner.insert(challenge, account);
          }

          @Override
          public Optional<Versioned> replace(Versioned current, OtpChallenge next) {
            return inner.replace(current, next);
          }

          @Override
          public boolean remove(Versioned current) {
            return inner.remove(current);
          }

          @Override
          public VersionedAccount findAccount(UUID userId) {
            return inner.findAccount(userId);
          }

          @Override
          public Optional<Committed> commit(
              Versioned current,
              OtpChallenge next,
              VersionedAccount account,
              AccountStrikes nextAccount) {
            if (!raced) {
              raced = true;
              inner.replaceAccount(
                  inner.findAccount(user), lockedUntil(t0.plus(Duration.ofHours(1))));
            }
            return inner.commit(current, next, account, nextAccount);
          }

          @Override
          public Optional<VersionedAccount> replaceAccount(
              VersionedAccount current, AccountStrikes next) {
            return inner.replaceAccount(current, next);
          }
        };
    var resender = new OtpResender(policy, racing, sms, texts, clock, new SimpleMeterRegistry());

    assertThat(resender.resend(LOGIN, null)).isInstanceOf(ResendResult.AccountLocked.class);
    assertThat(sent).as("the write lost the race and the next round saw the lock").isEmpty();
    assertThat(inner.find(LOGIN).orElseThrow().challenge().resends()).isZero();
  }

  @Test
  void anOpenAccountGetsItsResend() {
    var store = new InMemoryChallengeStore();
    store.insert(issued());
    var resender = new OtpResender(policy, store, sms, texts, clock, new SimpleMeterRegistry());

    assertThat(resender.resend(LOGIN, null)).isInstanceOf(ResendResult.Sent.class);
    assertThat(sent).hasSize(1);
  }

  @Test
  void aNumberTheProviderCannotReachIsReportedAsSuchAndTheResendIsGivenBack() {
    var store = new InMemoryChallengeStore();
    store.insert(issued());
    SmsSender unreachable =
        new SmsSender() {
          @Override
          public void send(SmsMessage message) {
            throw new dev.passbridge.otp.sms.SmsDeliveryException(
                "the recipient cannot get the SMS: HTTP 400, Twilio error 21614",
                dev.passbridge.otp.sms.SmsDeliveryException.Reason.RECIPIENT,
                null);
          }

          @Override
          public String name() {
            return "test";
          }
        };
    var resender =
        new OtpResender(policy, store, unreachable, texts, clock, new SimpleMeterRegistry());

    ResendResult result = resender.resend(LOGIN, null);

    assertThat(result)
        .isEqualTo(
            new ResendResult.NotSent(dev.passbridge.otp.sms.SmsDeliveryException.Reason.RECIPIENT));
    assertThat(((ResendResult.NotSent) result).transientFailure()).isFalse();
    assertThat(store.find(LOGIN).orElseThrow().challenge().resends())
        .as("the resend is given back")
        .isZero();
  }
}
