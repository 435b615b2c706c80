package dev.passbridge.intelligence.internal;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The local state stores of the features: persistent, string keys, with the record cache. Each has
 * a changelog topic {@code <application.id>-<store>-changelog}, so an instance that takes over a
 * partition restores it.
 *
 * <p>The cache sits between a processor and its store's changelog: reads and writes go through it
 * at once, and the changelog (and RocksDB) get each key's latest value when the task commits
 * ({@code commit.interval.ms}) or the cache is full. A login's pending entry and its timer, put
 * when one half arrives and deleted when the other does, thus reach the changelog as one tombstone
 * each instead of a record and a tombstone. Nothing waits for the flush: these stores are the
 * Processor API's, whose processors forward explicitly (only the DSL's cached tables forward on
 * flush). A crash loses no write: the cache is flushed before the offsets are committed, and what
 * is not committed is processed again.
 */
public final class StateStores {
  private StateStores() {}

  public static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(String name, Serde<V> values) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withCachingEnabled();
  }
}
