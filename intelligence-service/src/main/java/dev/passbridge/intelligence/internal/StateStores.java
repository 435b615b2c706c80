package dev.passbridge.intelligence.internal;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The local state stores of the features: persistent, string keys, no record cache (a decision must
 * not wait for a flush). Each has a changelog topic {@code <application.id>-<store>-changelog}, so
 * an instance that takes over a partition restores it.
 */
public final class StateStores {
  private StateStores() {}

  public static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(String name, Serde<V> values) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withCachingDisabled();
  }
}
