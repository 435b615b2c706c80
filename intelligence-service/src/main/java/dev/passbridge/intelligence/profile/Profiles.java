package dev.passbridge.intelligence.profile;

import dev.passbridge.intelligence.rules.PasskeyProfile;

/** Each user's passkey profile ({@code intel-profiles}), for the projection and the decision. */
public interface Profiles {

  /** The user's profile; empty for a user never seen. */
  PasskeyProfile of(String userKey);

  void put(String userKey, PasskeyProfile profile);
}
