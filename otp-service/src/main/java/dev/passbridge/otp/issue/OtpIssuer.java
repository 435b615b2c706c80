package dev.passbridge.otp.issue;

import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.SecondFactor;
import dev.passbridge.otp.issue.internal.EventDeduplicator;
import dev.passbridge.otp.policy.ChallengeStore;
import dev.passbridge.otp.policy.IssueDecision;
import dev.passbridge.otp.policy.OtpPolicy;
import dev.passbridge.otp.sms.PhoneNumbers;
import dev.passbridge.otp.sms.SmsDeliveryException;
import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.SmsSender;
import dev.passbridge.otp.sms.SmsTexts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues the code of a password login and sends it. At most one SMS per event: the event id is
 * claimed in Redis first ({@code SET NX}), and a login that already has a code gets no second one.
 * If the SMS cannot be sent, the claim and the code are withdrawn and the failure propagates, so
 * the consumer retries with backoff and finally parks the event on the dead-letter topic. While the
 * user's account is locked (too many wrong codes across logins), no SMS is sent at all.
 */
public class OtpIssuer {
  private static final Logger log = LoggerFactory.getLogger(OtpIssuer.class);

  /** What became of one event. */
  public enum Outcome {
    SENT,
    DUPLICATE,
    STALE,
    ALREADY_ISSUED,
    ACCOUNT_LOCKED,
    UNSUPPORTED_CHANNEL,
    /**
     * The provider says the number cannot get an SMS (invalid, not mobile, barred, unsubscribed).
     * Redelivering the event cannot change that, so it is not retried: the claim and the unsent
     * code stay, and the user's resend gets the 502 {@code sms-rejected} that says so.
     */
    RECIPIENT_REJECTED
  }

  private final OtpPolicy policy;
  private final ChallengeStore store;
  private final EventDeduplicator dedupe;
  private final SmsSender sms;
  private final SmsTexts texts;
  private final Clock clock;
  private final MeterRegistry meters;

  public OtpIssuer(
      OtpPolicy policy,
      ChallengeStore store,
      EventDeduplicator dedupe,
      SmsSender sms,
      SmsTexts texts,
      Clock clock,
      MeterRegistry meters) {
    this.policy = policy;
    this.store = store;
    this.dedupe = dedupe;
    this.sms = sms;
    this.texts = texts;
    this.clock = clock;
    this.meters = meters;
  }

  public Outcome issue(PasswordAuthenticated event) {
    Timer.Sample sample = Timer.start(meters);
    Outcome outcome = doIssue(event);
    sample.stop(meters.timer("passbridge.otp.issue", "outcome", outcome.name().toLowerCase()));
    return outcome;
  }

  private Outcome doIssue(PasswordAuthenticated event) {
    SecondFactor factor = event.secondFactor();
    if (!SecondFactor.SMS.equals(factor.channel())) {
      log.atWarn()
          .addKeyValue("loginId", event.loginId())
          .addKeyValue("channel", factor.channel())
          .log(
              "second-factor channel {} not supported; no code for login {}",
              factor.channel(),
              event.loginId());
      return Outcome.UNSUPPORTED_CHANNEL;
    }
    if (!dedupe.firstDelivery(event.eventId())) {
      log.atInfo()
          .addKeyValue("eventId", event.eventId())
          .addKeyValue("loginId", event.loginId())
          .log(
              "duplicate PasswordAuthenticated {} skipped (login {})",
              event.eventId(),
              event.loginId());
      return Outcome.DUPLICATE;
    }
    boolean inserted = false;
    try {
      Instant now = clock.instant();
      IssueDecision decision =
          policy.issue(
              event.loginId(),
              event.userId(),
              factor.channel(),
              factor.destination(),
              event.occurredAt(),
              now);
      if (!(decision instanceof IssueDecision.Issue issue)) {
        log.atWarn()
            .addKeyValue("eventId", event.eventId())
            .addKeyValue("loginId", event.loginId())
            .addKeyValue("occurredAt", event.occurredAt())
            .log("PasswordAuthenticated of login {} too old for a code; skipped", event.loginId());
        return Outcome.STALE;
      }
      Duration accountLock =
          policy.accountLockLeft(store.findAccount(event.userId()).strikes(), now);
      inserted = store.insert(issue.challenge());
      if (!inserted) {
        log.atWarn()
            .addKeyValue("eventId", event.eventId())
            .addKeyValue("loginId", event.loginId())
            .log("login {} already has a code; no second one", event.loginId());
        return Outcome.ALREADY_ISSUED;
      }
      if (!accountLock.isZero()) {
        // no SMS to a locked account (no SMS pumping); the challenge is stored without being sent
        // so that verify and resend on this login answer otp-account-locked with the time left
        log.atWarn()
            .addKeyValue("loginId", event.loginId())
            .addKeyValue("userId", event.userId())
            .addKeyValue("lockLeft", accountLock)
            .log(
                "no OTP SMS for login {}: the account's code entry is locked for {} more",
                event.loginId(),
                accountLock);
        return Outcome.ACCOUNT_LOCKED;
      }
      SmsMessage message =
          texts.compose(
              event.loginId(),
              factor.destination(),
              issue.code(),
              Duration.between(now, issue.challenge().expiresAt()),
              now);
      try {
        sms.send(message);
      } catch (SmsDeliveryException e) {
        if (e.reason() != SmsDeliveryException.Reason.RECIPIENT) {
          throw e;
        }
        log.atWarn()
            .addKeyValue("loginId", event.loginId())
            .addKeyValue("userId", event.userId())
            .addKeyValue("to", PhoneNumbers.mask(factor.destination()))
            .addKeyValue("messageId", message.messageId())
            .log(
                "no OTP SMS for login {}: the provider cannot deliver to {}; not retried",
                event.loginId(),
                PhoneNumbers.mask(factor.destination()));
        return Outcome.RECIPIENT_REJECTED;
      }
      log.atInfo()
          .addKeyValue("loginId", event.loginId())
          .addKeyValue("userId", event.userId())
          .addKeyValue("to", PhoneNumbers.mask(factor.destination()))
          .addKeyValue("messageId", message.messageId())
          .addKeyValue("sender", sms.name())
          .log(
              "OTP for login {} sent to {} via {}",
              event.loginId(),
              PhoneNumbers.mask(factor.destination()),
              sms.name());
      return Outcome.SENT;
    } catch (RuntimeException e) {
      log.atWarn()
          .addKeyValue("eventId", event.eventId())
          .addKeyValue("loginId", event.loginId())
          .log(
              "issuing the OTP of login {} failed; the event will be retried: {}",
              event.loginId(),
              e.toString());
      if (inserted) {
        store.find(event.loginId()).ifPresent(store::remove);
      }
      dedupe.forget(event.eventId());
      throw e;
    }
  }
}
