package dev.passbridge.otp.issue;

import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.OtpVerified;
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
import dev.passbridge.platform.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues the code of a password login and sends it. At most one SMS per event: the event id is
 * claimed in Redis first ({@code SET NX}), and a login that already has a code gets no second one.
 * If the SMS cannot be sent, the claim and the code are withdrawn and the failure propagates, so
 * the consumer retries with backoff and finally parks the event on the dead-letter topic. While the
 * user's account is locked (too many wrong codes across logins), no SMS is sent at all. A Connect
 * login ({@code source CONNECT}) never gets an SMS: see {@link #relayConnect}.
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
    RECIPIENT_REJECTED,
    /** A Connect login whose platform checked a second factor itself: {@code OtpVerified} out. */
    CONNECT_VERIFIED,
    /** A Connect login without a second factor: nothing to send, nothing to verify. */
    CONNECT_WITHOUT_SECOND_FACTOR
  }

  private final OtpPolicy policy;
  private final ChallengeStore store;
  private final EventDeduplicator dedupe;
  private final SmsSender sms;
  private final SmsTexts texts;
  private final Clock clock;
  private final MeterRegistry meters;
  private final EventPublisher events;

  public OtpIssuer(
      OtpPolicy policy,
      ChallengeStore store,
      EventDeduplicator dedupe,
      SmsSender sms,
      SmsTexts texts,
      Clock clock,
      MeterRegistry meters,
      EventPublisher events) {
    this.events = events;
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

  /**
   * A Connect login (the platform's own password and second factor): no SMS, ever. When the
   * platform reported a second factor, this service (the one writer of {@code OtpVerified}) says so
   * with the reported channel, once per event id; its event id is derived from the login's, so even
   * a publication repeated after a lost acknowledgement is the same event to its readers.
   */
  private Outcome relayConnect(PasswordAuthenticated event) {
    SecondFactor factor = event.secondFactor();
    if (factor == null || factor.verifiedAt() == null) {
      log.atInfo()
          .addKeyValue("loginId", event.loginId())
          .addKeyValue("clientId", event.clientId())
          .log("Connect login {} without a second factor: nothing to do", event.loginId());
      return Outcome.CONNECT_WITHOUT_SECOND_FACTOR;
    }
    if (!dedupe.firstDelivery(event.eventId())) {
      log.atInfo()
          .addKeyValue("eventId", event.eventId())
          .log("duplicate Connect PasswordAuthenticated {} skipped", event.eventId());
      return Outcome.DUPLICATE;
    }
    try {
      events.publishAndWait(
          new OtpVerified(
              UUID.nameUUIDFromBytes(
                  ("connect-otp-verified:" + event.eventId()).getBytes(StandardCharsets.UTF_8)),
              clock.instant(),
              event.userId(),
              event.loginId(),
              factor.channel(),
              LoginSource.CONNECT,
              event.clientId()));
    } catch (RuntimeException e) {
      dedupe.forget(event.eventId());
      throw e;
    }
    log.atInfo()
        .addKeyValue("loginId", event.loginId())
        .addKeyValue("clientId", event.clientId())
        .addKeyValue("channel", factor.channel())
        .log(
            "Connect login {}: the platform's {} second factor announced",
            event.loginId(),
            factor.channel());
    return Outcome.CONNECT_VERIFIED;
  }

  private Outcome doIssue(PasswordAuthenticated event) {
    if (LoginSource.of(event.source()) == LoginSource.CONNECT) {
      return relayConnect(event);
    }
    SecondFactor factor = event.secondFactor();
    if (factor == null || factor.destination() == null) {
      log.atWarn()
          .addKeyValue("loginId", event.loginId())
          .log("hosted login {} names no code destination; no code", event.loginId());
      return Outcome.UNSUPPORTED_CHANNEL;
    }
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
