package dev.passbridge.intelligence.profile.internal;

import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.profile.ProfileStores;
import dev.passbridge.intelligence.profile.Profiles;
import dev.passbridge.intelligence.rules.PasskeyProfile;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** {@link Profiles} over the {@code intel-profiles} store. */
final class StoredProfiles implements Profiles {
  static final StoreView<Profiles> VIEW =
      new StoreView<>() {
        @Override
        public List<String> stores() {
          return List.of(ProfileStores.PROFILES);
        }

        @Override
        public Profiles open(ProcessorContext<?, ?> context) {
          return new StoredProfiles(context.getStateStore(ProfileStores.PROFILES));
        }
      };

  private final KeyValueStore<String, PasskeyProfile> store;

  private StoredProfiles(KeyValueStore<String, PasskeyProfile> store) {
    this.store = store;
  }

  @Override
  public PasskeyProfile of(String userKey) {
    PasskeyProfile profile = store.get(userKey);
    return profile == null ? PasskeyProfile.empty() : profile;
  }

  @Override
  public void put(String userKey, PasskeyProfile profile) {
    store.put(userKey, profile);
  }

  @Override
  public void delete(String userKey) {
    store.delete(userKey);
  }
}
