package dev.passbridge.intelligence.internal;

import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * A feature's state as another feature's processor reads or writes it: the store names to connect
 * to that processor, and the plain view (e.g. {@code DecidedLogins}, {@code Profiles}) the
 * processor opens in its {@code init}. The owning feature keeps the stores' layout to itself.
 *
 * @param <T> the feature's plain view of its state
 */
public interface StoreView<T> {

  /** The local stores to connect to a processor that opens this view (none for a global table). */
  List<String> stores();

  /**
   * Adds what only this view needs to {@code builder} (a global table); local stores are added by
   * the step that owns them. Called once.
   */
  default void addTo(StreamsBuilder builder) {}

  T open(ProcessorContext<?, ?> context);
}
