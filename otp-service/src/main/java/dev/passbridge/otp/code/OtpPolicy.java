package dev.passbridge.otp.code;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The code policy (ARCHITECTURE §4), plain Java: issue, verify and resend as pure transitions from
 * a challenge state to a decision that carries the next state. The caller stores that next state
 * atomically (compare-and-set), so the policy never sees two writers.
 *
 * <ul>
 *   <li>Codes: six digits from a CSPRNG, valid for {@code codeTtl}, stored as HMAC only.
 *   <li>Attempts: counted per login, not per code, so resending does not buy more guesses; the
 *       {@code maxAttempts}-th wrong code locks the login, after which even the right code fails.
 *   <li>Resend: at most {@code maxResends}, each at least {@code resendCooldown} after the previous
 *       SMS; a resend replaces the code and restarts its lifetime.
 * </ul>
 */
public final class OtpPolicy {
  private final OtpLimits limits;
  private final CodeGenerator generator;
  private final CodeHasher hasher;

  public OtpPolicy(OtpLimits limits, CodeGenerator generator, CodeHasher hasher) {
    this.limits = Objects.requireNonNull(limits);
    this.generator = Objects.requireNonNull(generator);
    this.hasher = Objects.requireNonNull(hasher);
  }

  public OtpLimits limits() {
    return limits;
  }

  /**
   * A code for a login whose password was right at {@code occurredAt}. The code expires {@code
   * codeTtl} after the password step (what auth-service announced to the browser); an event from
   * the future (clock skew) counts from {@code now}.
   */
  public IssueDecision issue(
      String loginId,
      UUID userId,
      String channel,
      String destination,
      Instant occurredAt,
      Instant now) {
    Instant start = occurredAt.isAfter(now) ? now : occurredAt;
    Instant expiresAt = start.plus(limits.codeTtl());
    if (!now.isBefore(expiresAt)) {
      return new IssueDecision.Stale();
    }
    String code = generator.next();
    return new IssueDecision.Issue(
        code,
        new OtpChallenge(
            loginId,
            userId,
            channel,
            destination,
            hasher.hash(loginId, code),
            now,
            expiresAt,
            0,
            0,
            false,
            null,
            false,
            null));
  }

  /** {@code current} is null when nothing is stored for the login. */
  public VerifyDecision verify(OtpChallenge current, String candidate, Instant now) {
    if (current == null) {
      return new VerifyDecision.Expired();
    }
    if (current.locked()) {
      return new VerifyDecision.Locked(current);
    }
    if (!now.isBefore(current.expiresAt())) {
      return new VerifyDecision.Expired();
    }
    if (candidate != null && hasher.matches(current.loginId(), candidate, current.codeHmac())) {
      UUID eventId =
          current.verifiedEventId() != null ? current.verifiedEventId() : UUID.randomUUID();
      return new VerifyDecision.Accepted(current, eventId);
    }
    int attempts = current.attempts() + 1;
    if (attempts >= limits.maxAttempts()) {
      return new VerifyDecision.LockedNow(current.lockedAfter(attempts, UUID.randomUUID()));
    }
    return new VerifyDecision.Rejected(
        current.withAttempts(attempts), limits.maxAttempts() - attempts);
  }

  public ResendDecision resend(OtpChallenge current, Instant now) {
    if (current == null) {
      return new ResendDecision.Expired();
    }
    if (current.locked()) {
      return new ResendDecision.Locked(current);
    }
    if (!now.isBefore(current.expiresAt())) {
      return new ResendDecision.Expired();
    }
    if (current.resends() >= limits.maxResends()) {
      return new ResendDecision.LimitReached();
    }
    Duration wait = cooldownLeft(current, now);
    if (!wait.isZero()) {
      return new ResendDecision.CoolingDown(wait);
    }
    String code = generator.next();
    return new ResendDecision.Reissue(
        code,
        current.reissued(hasher.hash(current.loginId(), code), now, now.plus(limits.codeTtl())));
  }

  /** Time until the next SMS may go out; zero when it may go now. */
  public Duration cooldownLeft(OtpChallenge current, Instant now) {
    Instant allowedAt = current.sentAt().plus(limits.resendCooldown());
    return now.isBefore(allowedAt) ? Duration.between(now, allowedAt) : Duration.ZERO;
  }

  /** Resends still allowed. */
  public int resendsLeft(OtpChallenge current) {
    return Math.max(0, limits.maxResends() - current.resends());
  }
}
