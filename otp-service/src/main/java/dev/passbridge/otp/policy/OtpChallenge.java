package dev.passbridge.otp.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The second-factor state of one login: who it belongs to, where the code went, the HMAC of the
 * current code (never the code itself) and the counters that limit guessing and resending.
 *
 * @param loginId the login transaction (auth-service's id)
 * @param userId the user, carried into {@code OtpVerified} / {@code OtpLocked}
 * @param channel {@code SMS}
 * @param destination the phone number (E.164), kept so a resend can reach it; personal data
 * @param codeHmac HMAC-SHA256 of the current code, bound to {@code loginId}
 * @param sentAt when the current code was issued (start of the resend cooldown)
 * @param expiresAt when the current code stops being accepted
 * @param attempts wrong codes so far, across resends (a resend does not reset it)
 * @param resends codes re-issued so far
 * @param locked too many wrong codes: nothing is accepted any more
 * @param lockEventId the {@code OtpLocked} event id, fixed when the lock happened (so a retried
 *     announcement carries the same id)
 * @param lockAnnounced the {@code OtpLocked} event was acknowledged by Kafka
 * @param verifiedEventId the {@code OtpVerified} event id of an earlier, unacknowledged
 *     verification, reused on the next one so consumers can deduplicate
 * @param pendingEventId the {@code PasswordAuthenticated} whose SMS is still owed: set when the
 *     issue path stores the code, cleared once the SMS was handed over (or the provider said the
 *     number cannot get one, or a resend took over). A redelivery of that event that finds it set
 *     sends a fresh code (the previous delivery stopped between storing and sending). Null when
 *     nothing is owed, also for a code withheld from a locked account
 * @param accountLock the lock came from the account's lock (too many wrong codes across the
 *     account's logins), not from this login's own wrong codes: its {@code OtpLocked} says {@code
 *     TOO_MANY_ACCOUNT_ATTEMPTS}. Set on a login whose live code the account's lock ended, and on
 *     one issued while the account is locked
 * @param binding the digest of the login's browser binding ({@code
 *     PasswordAuthenticated.loginBinding}), or null for a login announced without one. Only a
 *     request presenting it may enter a code or ask for another ({@link #boundTo}). It never
 *     changes once the issue path set it: a login auth-service resumes for a browser's retry keeps
 *     its binding, and a delivery of the same login with another one changes nothing
 * @param verifyingUntil while set and not passed, the right code was taken and a request is waiting
 *     for Kafka to acknowledge its {@code OtpVerified} ({@code verifiedEventId}): other requests
 *     are told to retry shortly, and the account's lock does not end this login. The challenge is
 *     deleted once Kafka acknowledged; if Kafka does not, it is cleared and the same code may be
 *     entered again. If the instance died meanwhile, the code is live again once it passed (the
 *     retry publishes the same event id), instead of the login being lost with the code
 */
public record OtpChallenge(
    String loginId,
    UUID userId,
    String channel,
    String destination,
    byte[] codeHmac,
    Instant sentAt,
    Instant expiresAt,
    int attempts,
    int resends,
    boolean locked,
    UUID lockEventId,
    boolean lockAnnounced,
    UUID verifiedEventId,
    UUID pendingEventId,
    boolean accountLock,
    String binding,
    Instant verifyingUntil) {

  /**
   * A code just issued for a login: no attempts, no resends, not locked, no binding yet; {@code
   * pendingEventId} is the {@code PasswordAuthenticated} whose SMS it owes (null: none).
   */
  public static OtpChallenge issued(
      String loginId,
      UUID userId,
      String channel,
      String destination,
      byte[] codeHmac,
      Instant sentAt,
      Instant expiresAt,
      UUID pendingEventId) {
    return new OtpChallenge(
        loginId,
        userId,
        channel,
        destination,
        codeHmac,
        sentAt,
        expiresAt,
        0,
        0,
        false,
        null,
        false,
        null,
        pendingEventId,
        false,
        null,
        null);
  }

  public OtpChallenge {
    Objects.requireNonNull(loginId, "loginId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(codeHmac, "codeHmac");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (attempts < 0 || resends < 0) {
      throw new IllegalArgumentException("counters must not be negative");
    }
    if (locked && lockEventId == null) {
      throw new IllegalArgumentException("a locked challenge needs its lock event id");
    }
    if (accountLock && !locked) {
      throw new IllegalArgumentException("an account lock is a lock");
    }
    codeHmac = codeHmac.clone();
  }

  @Override
  public byte[] codeHmac() {
    return codeHmac.clone();
  }

  /**
   * Whether a request presenting a binding with digest {@code presented} (null: none) comes from
   * the browser that passed the password step; every request does for a login without a binding
   * (one announced before the field).
   */
  public boolean boundTo(String presented) {
    return binding == null || binding.equals(presented);
  }

  /** The same challenge, bound to the browser binding with digest {@code digest}. */
  public OtpChallenge withBinding(String digest) {
    return with(next -> next.binding = digest);
  }

  OtpChallenge withAttempts(int newAttempts) {
    return with(next -> next.attempts = newAttempts);
  }

  OtpChallenge lockedAfter(int newAttempts, UUID eventId) {
    return with(
        next -> {
          next.attempts = newAttempts;
          next.locked = true;
          next.lockEventId = eventId;
          next.lockAnnounced = false;
        });
  }

  /**
   * Locked by its account's lock, to be announced as {@code OtpLocked} with reason {@code
   * TOO_MANY_ACCOUNT_ATTEMPTS} and event id {@code eventId}.
   */
  OtpChallenge lockedByAccount(UUID eventId) {
    return with(
        next -> {
          next.locked = true;
          next.lockEventId = eventId;
          next.lockAnnounced = false;
          next.accountLock = true;
        });
  }

  /** The lock was announced on Kafka. */
  public OtpChallenge withLockAnnounced() {
    return with(next -> next.lockAnnounced = true);
  }

  /** Remembers the id of an {@code OtpVerified} that Kafka did not acknowledge. */
  public OtpChallenge withVerifiedEventId(UUID eventId) {
    return with(next -> next.verifiedEventId = eventId);
  }

  /**
   * The right code taken: its {@code OtpVerified} ({@code eventId}) is being published until {@code
   * until} at the latest ({@link #verifyingUntil}).
   */
  public OtpChallenge verifying(UUID eventId, Instant until) {
    return with(
        next -> {
          next.verifiedEventId = eventId;
          next.verifyingUntil = until;
        });
  }

  /** Kafka did not acknowledge: the code may be entered again, with the same event id. */
  public OtpChallenge verificationUndone() {
    return with(next -> next.verifyingUntil = null);
  }

  /** Whether a request is publishing this login's {@code OtpVerified} at {@code now}. */
  public boolean verifyingAt(Instant now) {
    return verifyingUntil != null && now.isBefore(verifyingUntil);
  }

  OtpChallenge reissued(byte[] newHmac, Instant now, Instant newExpiry) {
    return with(
        next -> {
          next.codeHmac = newHmac;
          next.sentAt = now;
          next.expiresAt = newExpiry;
          next.resends = resends + 1;
          next.pendingEventId = null;
        });
  }

  /**
   * The SMS of a resend could not be sent: give the resend back (counter and cooldown as before)
   * but keep the new code, which may still arrive; the old one stays invalid. An SMS the issue path
   * still owed is owed again.
   */
  public OtpChallenge resendUndone(OtpChallenge before) {
    return with(
        next -> {
          next.sentAt = before.sentAt();
          next.resends = before.resends();
          next.pendingEventId = before.pendingEventId();
        });
  }

  /**
   * The SMS the issue path owed went out (or the provider said the number cannot get one): nothing
   * is owed any more.
   */
  public OtpChallenge settled() {
    return with(next -> next.pendingEventId = null);
  }

  /**
   * A fresh code for an SMS the issue path still owes (the stored code is only an HMAC, so it
   * cannot be sent again): it replaces the old code, keeps the expiry the login was promised and
   * counts as no resend; {@code now} starts the resend cooldown.
   */
  OtpChallenge redelivered(byte[] newHmac, Instant now) {
    return with(
        next -> {
          next.codeHmac = newHmac;
          next.sentAt = now;
        });
  }

  /**
   * This challenge with what {@code change} sets; login, user and destination never change, nor
   * does the binding once the issue path set it.
   */
  private OtpChallenge with(Consumer<Next> change) {
    Next next = new Next(this);
    change.accept(next);
    return new OtpChallenge(
        loginId,
        userId,
        channel,
        destination,
        next.codeHmac,
        next.sentAt,
        next.expiresAt,
        next.attempts,
        next.resends,
        next.locked,
        next.lockEventId,
        next.lockAnnounced,
        next.verifiedEventId,
        next.pendingEventId,
        next.accountLock,
        next.binding,
        next.verifyingUntil);
  }

  /** The fields a transition may change, starting as they are (the new record checks them). */
  private static final class Next {
    byte[] codeHmac;
    Instant sentAt;
    Instant expiresAt;
    int attempts;
    int resends;
    boolean locked;
    UUID lockEventId;
    boolean lockAnnounced;
    UUID verifiedEventId;
    UUID pendingEventId;
    boolean accountLock;
    String binding;
    Instant verifyingUntil;

    Next(OtpChallenge current) {
      codeHmac = current.codeHmac;
      sentAt = current.sentAt;
      expiresAt = current.expiresAt;
      attempts = current.attempts;
      resends = current.resends;
      locked = current.locked;
      lockEventId = current.lockEventId;
      lockAnnounced = current.lockAnnounced;
      verifiedEventId = current.verifiedEventId;
      pendingEventId = current.pendingEventId;
      accountLock = current.accountLock;
      binding = current.binding;
      verifyingUntil = current.verifyingUntil;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OtpChallenge c
        && loginId.equals(c.loginId)
        && userId.equals(c.userId)
        && channel.equals(c.channel)
        && destination.equals(c.destination)
        && java.util.Arrays.equals(codeHmac, c.codeHmac)
        && sentAt.equals(c.sentAt)
        && expiresAt.equals(c.expiresAt)
        && attempts == c.attempts
        && resends == c.resends
        && locked == c.locked
        && Objects.equals(lockEventId, c.lockEventId)
        && lockAnnounced == c.lockAnnounced
        && Objects.equals(verifiedEventId, c.verifiedEventId)
        && Objects.equals(pendingEventId, c.pendingEventId)
        && accountLock == c.accountLock
        && Objects.equals(binding, c.binding)
        && Objects.equals(verifyingUntil, c.verifyingUntil);
  }

  @Override
  public int hashCode() {
    return Objects.hash(loginId, userId, sentAt, expiresAt, attempts, resends, locked);
  }

  /** No code HMAC, no phone number. */
  @Override
  public String toString() {
    return "OtpChallenge[loginId="
        + loginId
        + ", userId="
        + userId
        + ", channel="
        + channel
        + ", sentAt="
        + sentAt
        + ", expiresAt="
        + expiresAt
        + ", attempts="
        + attempts
        + ", resends="
        + resends
        + ", locked="
        + locked
        + ", accountLock="
        + accountLock
        + ", bound="
        + (binding != null)
        + ", pendingEventId="
        + pendingEventId
        + ", verifyingUntil="
        + verifyingUntil
        + "]";
  }
}
