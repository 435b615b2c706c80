package dev.passbridge.otp.policy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The OTP policy (docs/architecture.md §7), plain Java: issue, verify and resend as pure
 * transitions from a challenge state to a decision that carries the next state. The caller stores
 * that next state atomically (compare-and-set), so the policy never sees two writers.
 *
 * <ul>
 *   <li>Binding: only the browser that passed the login's password step (its {@code pb_login}
 *       binding) may enter a code or ask for another; any other request counts nothing.
 *   <li>Codes: six digits from a CSPRNG, valid for {@code codeTtl}, stored as HMAC only.
 *   <li>Attempts: counted per login, not per code, so resending does not buy more guesses; the
 *       {@code maxAttempts}-th wrong code locks the login, after which even the right code fails.
 *   <li>Resend: at most {@code maxResends}, each at least {@code resendCooldown} after the previous
 *       SMS; a resend replaces the code and restarts its lifetime.
 *   <li>Account: wrong codes also count per account, across its logins, in a sliding window of
 *       {@code accountWindow}; the {@code accountMaxFailures}-th locks the account's code entry for
 *       {@code accountLockDuration}. While it is locked, no code is accepted, none counts, and no
 *       SMS is sent. The failures stay in the window after the lock, so one more wrong code within
 *       the window locks again. A right code forgives the account's wrong codes. The lock ends
 *       every other login of the account that has a live code (the store locks those codes in the
 *       same atomic write, see {@link ChallengeStore#commit}), and a login issued during the lock
 *       gets a code that is locked from the start ({@link #withheld}).
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
    return issue(loginId, userId, channel, destination, occurredAt, null, now);
  }

  /**
   * {@link #issue(String, UUID, String, String, Instant, Instant)} for the event {@code eventId}:
   * the stored challenge owes that event's SMS ({@link OtpChallenge#pendingEventId()}) until it is
   * {@link OtpChallenge#settled() settled}.
   */
  public IssueDecision issue(
      String loginId,
      UUID userId,
      String channel,
      String destination,
      Instant occurredAt,
      UUID eventId,
      Instant now) {
    Instant start = occurredAt.isAfter(now) ? now : occurredAt;
    Instant expiresAt = start.plus(limits.codeTtl());
    if (!now.isBefore(expiresAt)) {
      return new IssueDecision.Stale();
    }
    String code = generator.next();
    return new IssueDecision.Issue(
        code,
        OtpChallenge.issued(
            loginId,
            userId,
            channel,
            destination,
            hasher.hash(loginId, code),
            now,
            expiresAt,
            eventId));
  }

  /**
   * A {@code PasswordAuthenticated} delivered again (Kafka redelivers an event whose offset was not
   * committed, e.g. after the instance was killed). If {@code current} still owes this event's SMS,
   * the earlier delivery stored the code but never sent it; the stored code is only an HMAC, so a
   * fresh code replaces it (the old one was never seen, so nothing valid is lost). Its expiry stays
   * what the login was promised, and it is no resend. A locked login or account gets no SMS.
   *
   * @param current the login's challenge, null when none is stored
   * @param account the state of the challenge's user (null when none is stored)
   */
  public RedeliveryDecision redeliver(
      OtpChallenge current, AccountStrikes account, UUID eventId, Instant now) {
    if (current == null
        || eventId == null
        || !eventId.equals(current.pendingEventId())
        || current.locked()
        // its code was entered: the SMS arrived
        || current.verifyingUntil() != null) {
      return new RedeliveryDecision.NothingOwed();
    }
    if (!now.isBefore(current.expiresAt())) {
      return new RedeliveryDecision.Stale();
    }
    Duration accountLock = accountLockLeft(account, now);
    if (!accountLock.isZero()) {
      return new RedeliveryDecision.Withhold(withheld(current, eventId), accountLock);
    }
    String code = generator.next();
    return new RedeliveryDecision.Send(
        code, current.redelivered(hasher.hash(current.loginId(), code), now));
  }

  /**
   * The code of a login whose SMS is withheld because the account is locked ({@code challenge} as
   * {@link #issue} or a redelivery made it, for the {@code PasswordAuthenticated} {@code eventId}):
   * it owes no SMS and is locked by the account, so its login ends with {@code OtpLocked{reason =
   * TOO_MANY_ACCOUNT_ATTEMPTS}} instead of waiting for a code that never comes. The event id is
   * derived from {@code eventId}, so every delivery of that event announces the same event.
   */
  public OtpChallenge withheld(OtpChallenge challenge, UUID eventId) {
    return challenge.settled().lockedByAccount(withheldLockEventId(eventId));
  }

  /**
   * When to ask again about a login whose right code another request is verifying: in a second
   * (that request usually ends within milliseconds, within the publication timeout when Kafka is
   * slow), or when the lease ends if that is sooner. Not the whole lease: a client told to wait 15
   * s would wait long after a verification that took 5 ms.
   */
  static Duration retryWhileVerifying(OtpChallenge current, Instant now) {
    Duration left = Duration.between(now, current.verifyingUntil());
    return left.compareTo(RETRY_WHILE_VERIFYING) < 0 ? left : RETRY_WHILE_VERIFYING;
  }

  private static final Duration RETRY_WHILE_VERIFYING = Duration.ofSeconds(1);

  /**
   * A code the account's lock skipped because its right code was being verified ({@link
   * OtpChallenge#verifying}), given back after (Kafka did not acknowledge, or the instance died):
   * the lock ends its login now, as it would have then. The event id is derived from the account's
   * lock event and the login, so every request that ends it announces the same event.
   */
  public OtpChallenge endedByAccountLock(OtpChallenge taken, AccountStrikes account) {
    return taken
        .verificationUndone()
        .lockedByAccount(
            UUID.nameUUIDFromBytes(
                ("otp-account-lock-after-verifying:"
                        + Objects.requireNonNull(account.lockEventId(), "the account's lock")
                        + ":"
                        + taken.loginId())
                    .getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The {@code OtpLocked} event id of the login of {@code PasswordAuthenticated} {@code eventId}.
   */
  public static UUID withheldLockEventId(UUID eventId) {
    return UUID.nameUUIDFromBytes(
        ("otp-locked-withheld:" + Objects.requireNonNull(eventId, "eventId"))
            .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@link #verify(OtpChallenge, AccountStrikes, String, String, Instant)} for an account without
   * strikes, from the login's own browser.
   */
  public VerifyDecision verify(OtpChallenge current, String candidate, Instant now) {
    return verify(current, null, candidate, now);
  }

  /**
   * {@link #verify(OtpChallenge, AccountStrikes, String, String, Instant)} from the login's own
   * browser.
   */
  public VerifyDecision verify(
      OtpChallenge current, AccountStrikes account, String candidate, Instant now) {
    return verify(current, account, candidate, current == null ? null : current.binding(), now);
  }

  /**
   * {@code current} is null when nothing is stored for the login; {@code account} is the state of
   * the challenge's user (null when none is stored); {@code presentedBinding} is the digest of the
   * browser binding the request presented (null: none).
   *
   * <p>Only the login's own browser ({@link OtpChallenge#boundTo}) may enter a code: any other
   * request is {@link VerifyDecision.NotYours}, whatever the login's state, and counts nothing. The
   * login id is no secret (it is in the login's events and in log lines), so a stranger holding it
   * could otherwise end the login with wrong codes; and someone who knows the password could enter
   * codes without the binding, from a second client, where they would not count on the account's
   * lock, and then take the session with the binding once a guess was right. The session request
   * asks for the same binding, so a client that cannot present it cannot finish the login anyway.
   */
  public VerifyDecision verify(
      OtpChallenge current,
      AccountStrikes account,
      String candidate,
      String presentedBinding,
      Instant now) {
    if (current == null) {
      return new VerifyDecision.Expired();
    }
    AccountStrikes strikes = account == null ? AccountStrikes.none(current.userId()) : account;
    if (!strikes.userId().equals(current.userId())) {
      throw new IllegalArgumentException("the account state belongs to another user");
    }
    if (!current.boundTo(presentedBinding)) {
      return new VerifyDecision.NotYours();
    }
    if (current.verifyingAt(now)) {
      return new VerifyDecision.InProgress(retryWhileVerifying(current, now));
    }
    if (strikes.lockedAt(now)) {
      return new VerifyDecision.AccountLocked(
          current, strikes, Duration.between(now, strikes.lockedUntil()));
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
      return new VerifyDecision.Accepted(current, eventId, AccountStrikes.none(current.userId()));
    }
    int attempts = current.attempts() + 1;
    List<Instant> failures = failuresAfterOneMore(strikes, now);
    if (failures.size() >= limits.accountMaxFailures()) {
      UUID eventId = UUID.randomUUID();
      // the account's OtpLocked speaks for this login too, so a login lock by the same code is
      // marked as announced: one event per lock, not two
      OtpChallenge next =
          attempts >= limits.maxAttempts()
              ? current.lockedAfter(attempts, eventId).withLockAnnounced()
              : current.withAttempts(attempts);
      return new VerifyDecision.AccountLockedNow(
          next,
          strikes.lockedNow(
              failures, now.plus(limits.accountLockDuration()), eventId, current.loginId()));
    }
    if (attempts >= limits.maxAttempts()) {
      return new VerifyDecision.LockedNow(
          current.lockedAfter(attempts, UUID.randomUUID()), strikes.withFailures(failures));
    }
    return new VerifyDecision.Rejected(
        current.withAttempts(attempts),
        attemptsLeft(attempts, failures),
        strikes.withFailures(failures));
  }

  /**
   * The codes this login may still enter, the last of which, if wrong, locks: the login's own
   * (after {@code attempts} wrong ones) or the account's (after {@code failures}, this one
   * included, in the window), whichever runs out first. The account's lock comes with its {@code
   * accountMaxFailures}-th wrong code, so with 9 of 10 counted the login has 1 left, whatever its
   * own count says. Failures leaving the window later can only give more.
   */
  private int attemptsLeft(int attempts, List<Instant> failures) {
    return Math.min(limits.maxAttempts() - attempts, limits.accountMaxFailures() - failures.size());
  }

  /**
   * The account's wrong codes inside the window ending at {@code now}, plus one at {@code now};
   * oldest first, at most {@code accountMaxFailures} (older ones cannot matter any more).
   */
  private List<Instant> failuresAfterOneMore(AccountStrikes strikes, Instant now) {
    Instant windowStart = now.minus(limits.accountWindow());
    List<Instant> failures = new ArrayList<>(strikes.failures().size() + 1);
    for (Instant failure : strikes.failures()) {
      if (failure.isAfter(windowStart)) {
        failures.add(failure);
      }
    }
    failures.add(now);
    int excess = failures.size() - limits.accountMaxFailures();
    return excess > 0 ? failures.subList(excess, failures.size()) : failures;
  }

  /** Time until the account's code entry opens again; zero when it is open. */
  public Duration accountLockLeft(AccountStrikes account, Instant now) {
    return account != null && account.lockedAt(now)
        ? Duration.between(now, account.lockedUntil())
        : Duration.ZERO;
  }

  /**
   * {@link #resend(OtpChallenge, AccountStrikes, String, Instant)} for an account without strikes,
   * from the login's own browser.
   */
  public ResendDecision resend(OtpChallenge current, Instant now) {
    return resend(current, null, current == null ? null : current.binding(), now);
  }

  /**
   * A new code for the login, asked for by a request presenting the browser binding with digest
   * {@code presentedBinding} (null: none). Only the login's own browser may ask ({@link
   * ResendDecision.NotYours} otherwise, whatever the login's state): a stranger holding the login
   * id would otherwise use up its resends and send SMS to the user.
   */
  public ResendDecision resend(
      OtpChallenge current, AccountStrikes account, String presentedBinding, Instant now) {
    if (current == null) {
      return new ResendDecision.Expired();
    }
    if (!current.boundTo(presentedBinding)) {
      return new ResendDecision.NotYours();
    }
    if (current.verifyingAt(now)) {
      // the right code was just taken: no new code while its OtpVerified is on its way
      return new ResendDecision.CoolingDown(retryWhileVerifying(current, now));
    }
    Duration accountLock = accountLockLeft(account, now);
    if (!accountLock.isZero()) {
      return new ResendDecision.AccountLocked(accountLock);
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
