package dev.passbridge.otp.issue;

import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.SecondFactor;
import dev.passbridge.otp.lock.LockAnnouncer;
import dev.passbridge.otp.policy.ChallengeStore;
import dev.passbridge.otp.policy.ChallengeStore.Versioned;
import dev.passbridge.otp.policy.ChallengeStore.VersionedAccount;
import dev.passbridge.otp.policy.IssueDecision;
import dev.passbridge.otp.policy.OtpChallenge;
import dev.passbridge.otp.policy.OtpPolicy;
import dev.passbridge.otp.policy.RedeliveryDecision;
import dev.passbridge.otp.sms.SmsDeliveryException;
import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.SmsSender;
import dev.passbridge.otp.sms.SmsTexts;
import dev.passbridge.platform.core.privacy.PhoneNumbers;
import dev.passbridge.platform.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues the code of a password login and sends it: at least once per event, and once in the normal
 * case. The event id is claimed in Redis first ({@code SET NX}), the code is stored owing the
 * event's SMS ({@link OtpChallenge#pendingEventId()}), the claim is marked done, the SMS goes out,
 * and then the code is marked settled. A login that already has a code gets no second one.
 *
 * <p>A redelivered event (Kafka delivers again what was not committed, e.g. after a SIGKILL) is
 * skipped when its SMS went out. If the earlier delivery stopped before it (the claim is still
 * pending, or the code still owes this event's SMS), the redelivery carries on: the stored code is
 * only an HMAC, so a fresh code replaces it, with a compare-and-set as a resend does, and is sent.
 * A crash between the SMS and the settled mark sends a second SMS on the redelivery: that is the
 * price of at-least-once.
 *
 * <p>If the SMS cannot be sent, the claim and the code are withdrawn and the failure propagates, so
 * the consumer retries with backoff and finally parks the event on the dead-letter topic. While the
 * user's account is locked (too many wrong codes across logins), no SMS is sent at all: the code is
 * stored locked by the account and {@code OtpLocked{TOO_MANY_ACCOUNT_ATTEMPTS}} is published for
 * the login (event id derived from the event's), so the login ends at once; if Kafka does not
 * acknowledge, the delivery fails like an unsent SMS and is retried. A Connect login ({@code source
 * CONNECT}) never gets an SMS: see {@link #relayConnect}.
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
     * A redelivered event whose SMS had not gone out (the earlier delivery stopped between storing
     * the code and sending it): a fresh code replaced the stored one and was sent.
     */
    RECOVERED,
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
  private static final int MAX_ROUNDS = 16;

  private final EventClaims claims;
  private final SmsSender sms;
  private final SmsTexts texts;
  private final Clock clock;
  private final MeterRegistry meters;
  private final EventPublisher events;
  private final LockAnnouncer locks;

  public OtpIssuer(
      OtpPolicy policy,
      ChallengeStore store,
      EventClaims claims,
      SmsSender sms,
      SmsTexts texts,
      Clock clock,
      MeterRegistry meters,
      EventPublisher events) {
    this.events = events;
    this.locks = new LockAnnouncer(store, events, clock);
    this.policy = policy;
    this.store = store;
    this.claims = claims;
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
    // UNFINISHED: an earlier delivery stopped before its announcement was acknowledged; the
    // announcement's event id is derived from the login's, so announcing again is harmless.
    if (claims.claim(event.eventId()) == EventClaims.Claim.DONE) {
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
      claims.forget(event.eventId());
      throw e;
    }
    claims.done(event.eventId());
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
    switch (claims.claim(event.eventId())) {
      case DONE -> {
        return redeliver(event, true, Outcome.DUPLICATE);
      }
      case UNFINISHED -> {
        if (store.find(event.loginId()).isPresent()) {
          // the earlier delivery stored a code and stopped before marking the claim done
          return redeliver(event, false, Outcome.ALREADY_ISSUED);
        }
        log.atWarn()
            .addKeyValue("eventId", event.eventId())
            .addKeyValue("loginId", event.loginId())
            .log(
                "PasswordAuthenticated {} was claimed but no code stored (login {}); carrying on",
                event.eventId(),
                event.loginId());
        return first(event, factor);
      }
      case FIRST -> {
        return first(event, factor);
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** The event's first delivery, or one carrying on after a claim without a stored code. */
  private Outcome first(PasswordAuthenticated event, SecondFactor factor) {
    boolean inserted = false;
    SmsMessage message;
    try {
      Instant now = clock.instant();
      IssueDecision decision =
          policy.issue(
              event.loginId(),
              event.userId(),
              factor.channel(),
              factor.destination(),
              event.occurredAt(),
              event.eventId(),
              now);
      if (!(decision instanceof IssueDecision.Issue issue)) {
        claims.done(event.eventId());
        log.atWarn()
            .addKeyValue("eventId", event.eventId())
            .addKeyValue("loginId", event.loginId())
            .addKeyValue("occurredAt", event.occurredAt())
            .log("PasswordAuthenticated of login {} too old for a code; skipped", event.loginId());
        return Outcome.STALE;
      }
      // the login keeps its browser binding: only that browser may enter its code or ask again
      OtpChallenge issued = issue.challenge().withBinding(event.loginBinding());
      Stored stored = insertFirst(issued, event.eventId(), now);
      inserted = stored != null;
      claims.done(event.eventId());
      if (!inserted) {
        log.atWarn()
            .addKeyValue("eventId", event.eventId())
            .addKeyValue("loginId", event.loginId())
            .log("login {} already has a code; no second one", event.loginId());
        return Outcome.ALREADY_ISSUED;
      }
      OtpChallenge challenge = stored.challenge();
      Duration accountLock = stored.accountLock();
      if (!accountLock.isZero()) {
        logWithheld(event, accountLock);
        announceLock(event.loginId());
        return Outcome.ACCOUNT_LOCKED;
      }
      message =
          texts.compose(
              event.loginId(),
              factor.destination(),
              issue.code(),
              Duration.between(now, challenge.expiresAt()),
              now);
      try {
        sms.send(message);
      } catch (SmsDeliveryException e) {
        if (e.reason() != SmsDeliveryException.Reason.RECIPIENT) {
          throw e;
        }
        settle(event.loginId(), event.eventId());
        logRecipientRejected(event, message);
        return Outcome.RECIPIENT_REJECTED;
      }
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
      claims.forget(event.eventId());
      throw e;
    }
    // the SMS is out: from here on nothing is withdrawn, a failure only leaves the code owing
    settle(event.loginId(), event.eventId());
    logSent(event.loginId(), event.userId(), factor.destination(), message, "OTP");
    return Outcome.SENT;
  }

  /** A login's first code as stored, and the account's lock it was decided on (zero: none). */
  private record Stored(OtpChallenge challenge, Duration accountLock) {}

  /**
   * Stores the login's first code: as issued, or withheld while the account is locked (a withheld
   * code owes no SMS, so no redelivery sends it, and is locked by the account, so its login ends
   * with {@code OtpLocked} instead of waiting for it). The insert also checks the account's version
   * (as a resend does): a lock written after the read would not find this login to lock it, so the
   * insert fails and the next round reads the lock. Null when the login has a code already.
   */
  private Stored insertFirst(OtpChallenge issued, UUID eventId, Instant now) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      VersionedAccount account = store.findAccount(issued.userId());
      Duration accountLock = policy.accountLockLeft(account.strikes(), now);
      OtpChallenge challenge = accountLock.isZero() ? issued : policy.withheld(issued, eventId);
      if (store.insert(challenge, account)) {
        return new Stored(challenge, accountLock);
      }
      if (store.find(issued.loginId()).isPresent()) {
        return null;
      }
      // the account changed since the read (a wrong code, a lock): decide again
    }
    throw new IllegalStateException("OTP state of login " + issued.loginId() + " keeps changing");
  }

  /**
   * A delivery of an event whose code was stored before: sends a fresh code if the stored one still
   * owes this event's SMS, otherwise has nothing to do ({@code nothingOwed}). A failure to send
   * propagates and leaves the code owing, so the retried delivery tries again. {@code claimDone}:
   * the claim is marked done already (no need to write it again).
   */
  private Outcome redeliver(PasswordAuthenticated event, boolean claimDone, Outcome nothingOwed) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Optional<Versioned> found = store.find(event.loginId());
      Versioned current = found.orElse(null);
      VersionedAccount account =
          current == null ? null : store.findAccount(current.challenge().userId());
      Instant now = clock.instant();
      RedeliveryDecision decision =
          policy.redeliver(
              current == null ? null : current.challenge(),
              account == null ? null : account.strikes(),
              event.eventId(),
              now);
      switch (decision) {
        case RedeliveryDecision.NothingOwed n -> {
          if (!claimDone) {
            claims.done(event.eventId());
          }
          if (current != null) {
            // e.g. a login withheld during an account lock whose delivery stopped (or whose
            // OtpLocked Kafka did not acknowledge) before the lock was announced
            announceLock(current);
          }
          log.atInfo()
              .addKeyValue("eventId", event.eventId())
              .addKeyValue("loginId", event.loginId())
              .log(
                  "duplicate PasswordAuthenticated {} skipped (login {})",
                  event.eventId(),
                  event.loginId());
          return nothingOwed;
        }
        case RedeliveryDecision.Stale s -> {
          claims.done(event.eventId());
          log.atWarn()
              .addKeyValue("eventId", event.eventId())
              .addKeyValue("loginId", event.loginId())
              .log("redelivered PasswordAuthenticated of login {} too old", event.loginId());
          return Outcome.STALE;
        }
        case RedeliveryDecision.Withhold w -> {
          var stored = store.replace(current, w.next());
          if (stored.isPresent()) {
            claims.done(event.eventId());
            logWithheld(event, w.lockLeft());
            announceLock(stored.get());
            return Outcome.ACCOUNT_LOCKED;
          }
        }
        case RedeliveryDecision.Send send -> {
          // the account is written unchanged but its version checked, as a resend does: no SMS
          // for an account locked since the read
          if (store.commit(current, send.next(), account, account.strikes()).isPresent()) {
            claims.done(event.eventId());
            return sendOwed(event, send);
          }
        }
      }
    }
    throw new IllegalStateException("OTP state of login " + event.loginId() + " keeps changing");
  }

  private Outcome sendOwed(PasswordAuthenticated event, RedeliveryDecision.Send send) {
    OtpChallenge c = send.next();
    Instant now = c.sentAt();
    SmsMessage message =
        texts.compose(
            c.loginId(), c.destination(), send.code(), Duration.between(now, c.expiresAt()), now);
    log.atWarn()
        .addKeyValue("eventId", event.eventId())
        .addKeyValue("loginId", event.loginId())
        .log(
            "PasswordAuthenticated {} redelivered before its SMS went out (login {}); sending a"
                + " fresh code",
            event.eventId(),
            event.loginId());
    try {
      sms.send(message);
    } catch (SmsDeliveryException e) {
      if (e.reason() != SmsDeliveryException.Reason.RECIPIENT) {
        throw e;
      }
      settle(c.loginId(), event.eventId());
      logRecipientRejected(event, message);
      return Outcome.RECIPIENT_REJECTED;
    }
    settle(c.loginId(), event.eventId());
    logSent(c.loginId(), c.userId(), c.destination(), message, "owed OTP");
    return Outcome.RECOVERED;
  }

  /**
   * Marks the login's code as owing nothing any more (compare-and-set, retried on a concurrent
   * change). Best effort: if Redis fails here, the code stays owing, and only a redelivery of the
   * event (after a crash) would send once more.
   */
  private void settle(String loginId, UUID eventId) {
    try {
      for (int round = 0; round < MAX_ROUNDS; round++) {
        Versioned current = store.find(loginId).orElse(null);
        if (current == null || !eventId.equals(current.challenge().pendingEventId())) {
          return;
        }
        if (store.replace(current, current.challenge().settled()).isPresent()) {
          return;
        }
      }
    } catch (RuntimeException e) {
      log.atWarn()
          .addKeyValue("loginId", loginId)
          .addKeyValue("eventId", eventId)
          .log("could not mark the OTP of login {} as sent: {}", loginId, e.toString());
    }
  }

  private void announceLock(String loginId) {
    store.find(loginId).ifPresent(this::announceLock);
  }

  /**
   * Announces the login's lock if it is still unannounced. If Kafka does not acknowledge, this
   * fails, so the event is delivered again (the first delivery withdraws claim and code, a
   * redelivery finds the lock unannounced) and the same {@code OtpLocked} is published then.
   */
  private void announceLock(Versioned current) {
    if (!locks.announce(current)) {
      throw new IllegalStateException(
          "OtpLocked of login " + current.challenge().loginId() + " not acknowledged by Kafka");
    }
  }

  private void logWithheld(PasswordAuthenticated event, Duration accountLock) {
    // no SMS to a locked account (no SMS pumping); the challenge is stored without being sent,
    // locked by the account, so that verify and resend on this login answer otp-account-locked
    // with the time left, and OtpLocked ends the login in auth-service
    log.atWarn()
        .addKeyValue("loginId", event.loginId())
        .addKeyValue("userId", event.userId())
        .addKeyValue("lockLeft", accountLock)
        .log(
            "no OTP SMS for login {}: the account's code entry is locked for {} more",
            event.loginId(),
            accountLock);
  }

  private void logRecipientRejected(PasswordAuthenticated event, SmsMessage message) {
    String to = PhoneNumbers.mask(message.to());
    log.atWarn()
        .addKeyValue("loginId", event.loginId())
        .addKeyValue("userId", event.userId())
        .addKeyValue("to", to)
        .addKeyValue("messageId", message.messageId())
        .log(
            "no OTP SMS for login {}: the provider cannot deliver to {}; not retried",
            event.loginId(),
            to);
  }

  private void logSent(
      String loginId, UUID userId, String destination, SmsMessage message, String what) {
    String to = PhoneNumbers.mask(destination);
    log.atInfo()
        .addKeyValue("loginId", loginId)
        .addKeyValue("userId", userId)
        .addKeyValue("to", to)
        .addKeyValue("messageId", message.messageId())
        .addKeyValue("sender", sms.name())
        .log("{} for login {} sent to {} via {}", what, loginId, to, sms.name());
  }
}
