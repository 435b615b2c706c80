package dev.passbridge.intelligence.profile;

import dev.passbridge.intelligence.rules.PasskeyProfile;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** Each user's passkey profile ({@code intel-profiles}), for the projection and the decision. */
public final class Profiles {
  private final KeyValueStore<String, PasskeyProfile> store;

  private Profiles(KeyValueStore<String, PasskeyProfile> store) {
    this.store = store;
  }

  /** Needs {@link ProfileStores#PROFILES} connected to the processor. */
  public static Profiles of(ProcessorContext<?, ?> context) {
    return new Profiles(context.getStateStore(ProfileStores.PROFILES));
  }

  /** The user's profile; empty for a user never seen. */
  public PasskeyProfile of(String userKey) {
    PasskeyProfile profile = store.get(userKey);
    return profile == null ? PasskeyProfile.empty() : profile;
  }

  public void put(String userKey, PasskeyProfile profile) {
    store.put(userKey, profile);
  }
}
