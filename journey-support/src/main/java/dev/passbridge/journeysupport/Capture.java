package dev.passbridge.journeysupport;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.serde.EventDeserializer;
import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.system.Journeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads events back from the topics for assertions, like test-support's {@code EventCapture}, but
 * with assigned partitions instead of a consumer group: a group rejoins after a broker restart and,
 * having committed nothing, would reset to the end and skip what was published meanwhile, which a
 * fault test must not mistake for a lost event. Poison records are stepped over.
 */
public final class Capture implements AutoCloseable {
  private final KafkaConsumer<String, PassbridgeEvent> consumer;
  private final List<PassbridgeEvent> events = new CopyOnWriteArrayList<>();
  private final Thread poller;
  private volatile boolean running = true;

  public Capture(String bootstrap, Topic<?>... topics) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new EventDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (Topic<?> topic : topics) {
      consumer
          .partitionsFor(topic.name(), Duration.ofSeconds(20))
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(20))); // fixed at "now"
    poller =
        Thread.ofPlatform()
            .daemon()
            .name("capture")
            .start(
                () -> {
                  while (running) {
                    try {
                      consumer.poll(Duration.ofMillis(50)).forEach(r -> events.add(r.value()));
                    } catch (RecordDeserializationException poison) {
                      consumer.seek(poison.topicPartition(), poison.offset() + 1);
                    } catch (RuntimeException e) {
                      if (running) {
                        Journeys.sleep(100); // the broker is away; the consumer reconnects
                      }
                    }
                  }
                  consumer.close(Duration.ofSeconds(1));
                });
  }

  public List<PassbridgeEvent> events() {
    return List.copyOf(events);
  }

  public <E extends PassbridgeEvent> List<E> events(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public <E extends PassbridgeEvent> E await(Class<E> type, Predicate<E> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (E e : events(type)) {
        if (match.test(e)) {
          return e;
        }
      }
      Journeys.sleep(20);
    }
    throw new AssertionError("no " + type.getSimpleName() + " matched within " + timeout);
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
