package dev.passbridge.intelligence.profile;

import dev.passbridge.intelligence.rules.PasskeyProfile;

/** Each user's passkey profile ({@code intel-profiles}), for the projection and the decision. */
public interface Profiles {

  /** The user's profile; empty for a user never seen. */
  PasskeyProfile of(String userKey);

  void put(String userKey, PasskeyProfile profile);

  /**
   * Forgets the user: the profile is deleted, not replaced by an empty one, so the changelog gets a
   * tombstone and compaction removes what it held. {@link #of} answers an empty profile afterwards.
   */
  void delete(String userKey);
}
