package dev.passbridge.testsupport;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.serde.EventDeserializer;
import dev.passbridge.contracts.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads events back from real topics in a background thread, for assertions: {@code try (var
 * capture = EventCapture.of(bootstrap, Topics.OTP_VERIFIED)) { ...; capture.await(e -> ...); }}.
 * Starts at the end of the topics, so a test sees only what happens after it started.
 */
public final class EventCapture implements AutoCloseable {
  private final KafkaConsumer<String, PassbridgeEvent> consumer;
  private final List<ConsumerRecord<String, PassbridgeEvent>> records =
      new CopyOnWriteArrayList<>();
  private final Thread poller;
  private volatile boolean running = true;
  private volatile boolean assigned;

  private EventCapture(String bootstrap, List<String> topics, boolean fromBeginning) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "capture-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                fromBeginning ? "earliest" : "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new EventDeserializer());
    poller =
        Thread.ofPlatform()
            .daemon()
            .name("event-capture")
            .start(
                () -> {
                  consumer.subscribe(topics);
                  while (running) {
                    var batch = consumer.poll(Duration.ofMillis(50));
                    if (!consumer.assignment().isEmpty()) {
                      if (!assigned && !fromBeginning) {
                        // make sure positions are fixed at "now" before we claim to be ready
                        consumer.assignment().forEach(consumer::position);
                      }
                      assigned = true;
                    }
                    batch.forEach(records::add);
                  }
                  consumer.close(Duration.ofSeconds(1));
                });
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!assigned && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!assigned) {
      throw new IllegalStateException("capture consumer got no partitions of " + topics);
    }
  }

  /** Captures what is published from now on. */
  public static EventCapture of(String bootstrap, Topic<?>... topics) {
    return new EventCapture(bootstrap, names(topics), false);
  }

  /** Captures everything already on the topics too. */
  public static EventCapture fromBeginning(String bootstrap, Topic<?>... topics) {
    return new EventCapture(bootstrap, names(topics), true);
  }

  private static List<String> names(Topic<?>... topics) {
    List<String> names = new ArrayList<>();
    for (Topic<?> t : topics) {
      names.add(t.name());
    }
    return names;
  }

  public List<PassbridgeEvent> events() {
    return records.stream().map(ConsumerRecord::value).toList();
  }

  public List<ConsumerRecord<String, PassbridgeEvent>> records() {
    return List.copyOf(records);
  }

  public <E extends PassbridgeEvent> List<E> events(Class<E> type) {
    return events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Waits for the first event of {@code type} that matches, or fails after {@code timeout}. */
  public <E extends PassbridgeEvent> E await(Class<E> type, Predicate<E> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (E e : events(type)) {
        if (match.test(e)) {
          return e;
        }
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError(
        "no " + type.getSimpleName() + " matched within " + timeout + "; saw " + events());
  }

  public <E extends PassbridgeEvent> E await(Class<E> type, Predicate<E> match) {
    return await(type, match, Duration.ofSeconds(15));
  }

  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    running = false;
    try {
      poller.join(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
