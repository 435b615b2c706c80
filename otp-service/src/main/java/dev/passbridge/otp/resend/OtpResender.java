package dev.passbridge.otp.resend;

import dev.passbridge.otp.policy.ChallengeStore;
import dev.passbridge.otp.policy.ChallengeStore.Versioned;
import dev.passbridge.otp.policy.ChallengeStore.VersionedAccount;
import dev.passbridge.otp.policy.OtpChallenge;
import dev.passbridge.otp.policy.OtpPolicy;
import dev.passbridge.otp.policy.ResendDecision;
import dev.passbridge.otp.sms.SmsDeliveryException;
import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.SmsSender;
import dev.passbridge.otp.sms.SmsTexts;
import dev.passbridge.platform.core.privacy.PhoneNumbers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/otp/resend}: a new code replaces the old one (compare-and-set, like verify, also
 * on the account's version, so no SMS goes out for an account locked meanwhile), then the SMS goes
 * out. If it cannot be sent, the resend is given back (counter and cooldown), so the user may try
 * again at once; the new code stays the valid one in case it arrives after all.
 */
public class OtpResender {
  private static final Logger log = LoggerFactory.getLogger(OtpResender.class);
  private static final int MAX_ROUNDS = 16;

  private final OtpPolicy policy;
  private final ChallengeStore store;
  private final SmsSender sms;
  private final SmsTexts texts;
  private final Clock clock;
  private final MeterRegistry meters;

  public OtpResender(
      OtpPolicy policy,
      ChallengeStore store,
      SmsSender sms,
      SmsTexts texts,
      Clock clock,
      MeterRegistry meters) {
    this.policy = policy;
    this.store = store;
    this.sms = sms;
    this.texts = texts;
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * @param binding the digest of the browser binding the request presented ({@code
   *     LoginBinding.digest} of its {@code pb_login} cookie), or null
   */
  public ResendResult resend(String loginId, String binding) {
    Timer.Sample sample = Timer.start(meters);
    ResendResult result = decide(loginId, binding);
    sample.stop(
        meters.timer(
            "passbridge.otp.resend", "outcome", result.getClass().getSimpleName().toLowerCase()));
    return result;
  }

  private ResendResult decide(String loginId, String binding) {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Versioned current = store.find(loginId).orElse(null);
      if (current == null) {
        return new ResendResult.Expired();
      }
      VersionedAccount account = store.findAccount(current.challenge().userId());
      Instant now = clock.instant();
      ResendDecision decision = policy.resend(current.challenge(), account.strikes(), binding, now);
      switch (decision) {
        case ResendDecision.NotYours n -> {
          log.atInfo()
              .addKeyValue("loginId", loginId)
              .addKeyValue("bindingPresented", binding != null)
              .log("resend for login {} asked outside its browser; refused", loginId);
          return new ResendResult.NotYours();
        }
        case ResendDecision.AccountLocked l -> {
          return new ResendResult.AccountLocked(l.retryAfter());
        }
        case ResendDecision.Expired e -> {
          return new ResendResult.Expired();
        }
        case ResendDecision.Locked l -> {
          return new ResendResult.Locked();
        }
        case ResendDecision.LimitReached l -> {
          return new ResendResult.LimitReached();
        }
        case ResendDecision.CoolingDown c -> {
          return new ResendResult.CoolingDown(c.retryAfter());
        }
        case ResendDecision.Reissue reissue -> {
          // the account is written unchanged, but its version is checked: an account locked since
          // our read makes this write fail, and the next round answers otp-account-locked
          Optional<Versioned> stored =
              store
                  .commit(current, reissue.next(), account, account.strikes())
                  .map(ChallengeStore.Committed::challenge);
          if (stored.isPresent()) {
            return send(current.challenge(), stored.get(), reissue.code(), now);
          }
        }
      }
    }
    throw new IllegalStateException("OTP state of login " + loginId + " keeps changing");
  }

  private ResendResult send(OtpChallenge before, Versioned after, String code, Instant now) {
    OtpChallenge c = after.challenge();
    SmsMessage message =
        texts.compose(
            c.loginId(), c.destination(), code, Duration.between(now, c.expiresAt()), now);
    try {
      sms.send(message);
    } catch (SmsDeliveryException e) {
      boolean undone = store.replace(after, c.resendUndone(before)).isPresent();
      log.atWarn()
          .addKeyValue("loginId", c.loginId())
          .addKeyValue("messageId", message.messageId())
          .addKeyValue("undone", undone)
          .log("resent OTP of login {} could not be sent: {}", c.loginId(), e.getMessage());
      return new ResendResult.NotSent(e.reason());
    }
    log.atInfo()
        .addKeyValue("loginId", c.loginId())
        .addKeyValue("userId", c.userId())
        .addKeyValue("to", PhoneNumbers.mask(c.destination()))
        .addKeyValue("messageId", message.messageId())
        .addKeyValue("resends", c.resends())
        .log("OTP of login {} resent to {}", c.loginId(), PhoneNumbers.mask(c.destination()));
    return new ResendResult.Sent(
        c.channel(),
        PhoneNumbers.mask(c.destination()),
        c.expiresAt(),
        policy.resendsLeft(c),
        c.sentAt().plus(policy.limits().resendCooldown()));
  }
}
