package dev.passbridge.intelligence.profile;

import dev.passbridge.intelligence.rules.PasskeyProfile;
import java.time.Instant;

/** Each user's passkey profile ({@code intel-profiles}), for the projection and the decision. */
public interface Profiles {

  /** The user's profile; empty for a user never seen. */
  PasskeyProfile of(String userKey);

  /**
   * Stores the user's profile; dropped for a user erased within the marks' retention ({@link
   * #erase}): an event of the user that arrives after the erasure (another topic, so no order
   * between them) or the prompt of a login under way at the erasure must not start a new profile.
   */
  void put(String userKey, PasskeyProfile profile);

  /**
   * Forgets the user: the profile is deleted, not replaced by an empty one, so the changelog gets a
   * tombstone and compaction removes what it held, and the user id is marked erased at {@code at}
   * (the mark holds the id and the time, nothing else). {@link #of} answers an empty profile
   * afterwards.
   */
  void erase(String userKey, Instant at);
}
