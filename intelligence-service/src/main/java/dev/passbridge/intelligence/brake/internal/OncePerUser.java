package dev.passbridge.intelligence.brake.internal;

import dev.passbridge.intelligence.brake.BrakeSettings;
import dev.passbridge.intelligence.brake.BrakeSignal;
import dev.passbridge.intelligence.brake.BrakeStores;
import java.time.Instant;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Lets each user count once per platform window: their first silent create on a platform ({@code
 * os/browser/major}) in a window counts as an attempt, and at most one failure of theirs counts
 * with it; later attempts and failures of the same user inside the window pass the brake by.
 * Without it one account could push its platform over the threshold alone: an error name that
 * starts no cooldown ({@code AbortError}, say) lets a user log in again and again, each login one
 * attempt and one reported failure.
 *
 * <p>Runs before the repartition, on the stream keyed by user id, so the store ({@value
 * BrakeStores#COUNTED}: {@code user os/browser/major} → {@code A} when the attempt counted, {@code
 * F} when a failure did too) is spread over the topology's partitions like the users. It is a
 * window store kept for {@code brake.window}: Kafka Streams drops its old segments, so it holds the
 * users of one window and no sweep is needed.
 *
 * <p>A failure whose attempt is not in the store (the attempt before the store existed, or older
 * than the window) counts on its own, as before; a failure never needs more than the ceremony's
 * minutes after its attempt, so inside the window it always finds it.
 */
final class OncePerUser implements FixedKeyProcessor<String, BrakeSignal, BrakeSignal> {
  static final String ATTEMPT = "A";
  static final String FAILURE = "F";

  private final BrakeSettings settings;
  private FixedKeyProcessorContext<String, BrakeSignal> context;
  private WindowStore<String, String> counted;

  OncePerUser(BrakeSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, BrakeSignal> context) {
    this.context = context;
    this.counted = context.getStateStore(BrakeStores.COUNTED);
  }

  @Override
  public void process(FixedKeyRecord<String, BrakeSignal> record) {
    BrakeSignal signal = record.value();
    if (signal == null || record.key() == null) {
      return;
    }
    String key = record.key() + " " + signal.windowKey();
    Instant at = signal.at();
    KeyValue<Long, String> entry = latest(key, at);
    if (!signal.failed()) {
      if (entry == null) {
        counted.put(key, ATTEMPT, at.toEpochMilli());
        context.forward(record);
      }
      return;
    }
    if (settings.ignoredErrors().contains(signal.errorName())) {
      return;
    }
    if (entry == null) {
      counted.put(key, FAILURE, at.toEpochMilli());
      context.forward(record);
    } else if (entry.value.equals(ATTEMPT)) {
      counted.put(key, FAILURE, entry.key);
      context.forward(record);
    }
  }

  /** The user's entry for this platform within a window either side of {@code at}, if any. */
  private KeyValue<Long, String> latest(String key, Instant at) {
    long window = settings.window().toMillis();
    long from = Math.max(0, at.toEpochMilli() - window);
    long to = at.toEpochMilli() + window;
    KeyValue<Long, String> latest = null;
    try (WindowStoreIterator<String> entries = counted.fetch(key, from, to)) {
      while (entries.hasNext()) {
        latest = entries.next();
      }
    }
    return latest;
  }
}
