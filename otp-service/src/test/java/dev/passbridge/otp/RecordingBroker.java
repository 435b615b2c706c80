package dev.passbridge.otp;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.platform.kafka.EventPublicationException;
import dev.passbridge.platform.kafka.EventPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.springframework.kafka.support.SendResult;

/**
 * An event publisher for unit tests: records what it publishes; fails while {@code down}, or for
 * the events {@code failing} picks.
 */
public final class RecordingBroker extends EventPublisher {
  public final List<PassbridgeEvent> published = new ArrayList<>();
  public boolean down;

  /** Runs while an event is being published, before the broker answers (another writer's turn). */
  public java.util.function.Consumer<PassbridgeEvent> whilePublishing = e -> {};

  /** The instance dies in the middle of the publication: nothing after it runs. */
  public boolean dies;

  /** What {@link #dies} throws: no handler of the code under test may catch it. */
  public static final class Died extends Error {
    Died() {
      super("the instance died while publishing");
    }
  }

  public Predicate<PassbridgeEvent> failing = e -> false;

  public RecordingBroker() {
    super(null, Duration.ofSeconds(1));
  }

  @Override
  public CompletableFuture<SendResult<String, PassbridgeEvent>> publish(PassbridgeEvent event) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SendResult<String, PassbridgeEvent> publishAndWait(PassbridgeEvent event) {
    whilePublishing.accept(event);
    if (dies) {
      throw new Died();
    }
    if (down || failing.test(event)) {
      throw new EventPublicationException(event, new RuntimeException("broker down"));
    }
    published.add(event);
    return null;
  }
}
