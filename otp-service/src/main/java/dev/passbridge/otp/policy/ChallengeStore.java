package dev.passbridge.otp.policy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where challenges and the accounts' wrong-code state live (Redis in production). Every write is a
 * compare-and-set on the version that was read, so concurrent requests on one login or one account
 * (on any instance) cannot both consume a code or lose an attempt: the loser re-reads and decides
 * again.
 */
public interface ChallengeStore {

  Optional<Versioned> find(String loginId);

  /** Stores a new challenge unless the login already has one. */
  boolean insert(OtpChallenge challenge);

  /**
   * Stores a new challenge unless the login already has one or its account changed since {@code
   * account} was read: one atomic compare-and-set over both, the account written unchanged (its
   * version moves on, as in a {@link #commit} that keeps the account's state). A login's first code
   * is decided on the account's lock as read; a lock written after that read misses the new login
   * (it locks only the logins it finds), so the insert must fail and be decided again. False on
   * either conflict.
   */
  boolean insert(OtpChallenge challenge, VersionedAccount account);

  /** Replaces {@code current} with {@code next} if nobody changed it meanwhile. */
  Optional<Versioned> replace(Versioned current, OtpChallenge next);

  /** Deletes {@code current} if nobody changed it meanwhile. */
  boolean remove(Versioned current);

  /** The account's state; {@link AccountStrikes#none} with version 0 when nothing is stored. */
  VersionedAccount findAccount(UUID userId);

  /**
   * Writes a login's next state ({@code next == null} deletes it) and its account's next state
   * together, if neither changed since they were read: one atomic compare-and-set over both. Empty
   * on a conflict.
   *
   * <p>When {@code nextAccount} {@linkplain AccountStrikes#locksAnew locks the account anew}, the
   * same atomic step also locks the live code of every other login of the account that is not
   * locked yet ({@link OtpChallenge#accountLock()}, unannounced, with an event id derived from the
   * account's lock event and the login), so none of them can be used any more, and names those
   * logins in {@link Committed#othersLocked()}: each is owed its own {@code OtpLocked}.
   */
  Optional<Committed> commit(
      Versioned current, OtpChallenge next, VersionedAccount account, AccountStrikes nextAccount);

  /** Replaces the account's state if nobody changed it meanwhile. */
  Optional<VersionedAccount> replaceAccount(VersionedAccount current, AccountStrikes next);

  /** A challenge as read, with the version a compare-and-set must match. */
  record Versioned(OtpChallenge challenge, long version) {}

  /** An account's state as read; version 0 = nothing stored. */
  record VersionedAccount(AccountStrikes strikes, long version) {}

  /**
   * What {@link #commit} stored; {@code challenge} is null when it was deleted. {@code
   * othersLocked}: the account's other logins whose codes a new account lock locked.
   */
  record Committed(Versioned challenge, VersionedAccount account, List<String> othersLocked) {
    public Committed {
      othersLocked = List.copyOf(othersLocked);
    }
  }
}
