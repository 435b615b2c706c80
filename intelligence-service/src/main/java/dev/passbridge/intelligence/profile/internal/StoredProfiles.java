package dev.passbridge.intelligence.profile.internal;

import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.profile.ProfileStores;
import dev.passbridge.intelligence.profile.Profiles;
import dev.passbridge.intelligence.rules.PasskeyProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link Profiles} over the {@code intel-profiles} store, with the erased users' marks in {@code
 * intel-erased}. The marks cost every profile write one lookup in a store that holds only the users
 * erased within the topics' retention, a small store beside the profiles.
 */
final class StoredProfiles implements Profiles {
  static final StoreView<Profiles> VIEW =
      new StoreView<>() {
        @Override
        public List<String> stores() {
          return List.of(ProfileStores.PROFILES, ProfileStores.ERASED);
        }

        @Override
        public Profiles open(ProcessorContext<?, ?> context) {
          return StoredProfiles.open(context);
        }
      };

  private final KeyValueStore<String, PasskeyProfile> store;
  private final KeyValueStore<String, Long> erased;

  private StoredProfiles(
      KeyValueStore<String, PasskeyProfile> store, KeyValueStore<String, Long> erased) {
    this.store = store;
    this.erased = erased;
  }

  static StoredProfiles open(ProcessorContext<?, ?> context) {
    return new StoredProfiles(
        context.getStateStore(ProfileStores.PROFILES), context.getStateStore(ProfileStores.ERASED));
  }

  @Override
  public PasskeyProfile of(String userKey) {
    PasskeyProfile profile = store.get(userKey);
    return profile == null ? PasskeyProfile.empty() : profile;
  }

  @Override
  public void put(String userKey, PasskeyProfile profile) {
    if (!isErased(userKey)) {
      store.put(userKey, profile);
    }
  }

  /** Whether the user was erased within the marks' retention. */
  boolean isErased(String userKey) {
    return erased.get(userKey) != null;
  }

  @Override
  public void erase(String userKey, Instant at) {
    store.delete(userKey);
    // the first erasure's time: a retried one must not extend the mark
    erased.putIfAbsent(userKey, at.toEpochMilli());
  }

  /**
   * Drops the marks of users erased before {@code cutoff}: by then every event of theirs is past
   * the topics' retention. Returns how many.
   */
  int forgetErasuresBefore(Instant cutoff) {
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, Long> all = erased.all()) {
      while (all.hasNext()) {
        KeyValue<String, Long> mark = all.next();
        if (mark.value == null || mark.value < cutoff.toEpochMilli()) {
          old.add(mark.key);
        }
      }
    }
    old.forEach(erased::delete);
    return old.size();
  }
}
