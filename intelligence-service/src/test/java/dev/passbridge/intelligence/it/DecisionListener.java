package dev.passbridge.intelligence.it;

import dev.passbridge.contracts.events.LoginEvent;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.serde.EventDeserializer;
import dev.passbridge.contracts.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the decision topics as passkey-service would and notes when each decision arrived
 * (System.nanoTime), for latency measurements.
 */
final class DecisionListener implements AutoCloseable {
  record Arrival(PassbridgeEvent decision, long nanos) {}

  private final Map<String, List<Arrival>> byLogin = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Arrival>> first = new ConcurrentHashMap<>();
  private final Thread poller;
  private volatile boolean running = true;
  private volatile boolean assigned;

  DecisionListener(String bootstrap) {
    KafkaConsumer<String, PassbridgeEvent> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "decision-listener-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                100),
            new StringDeserializer(),
            new EventDeserializer());
    poller =
        Thread.ofPlatform()
            .daemon()
            .name("decision-listener")
            .start(
                () -> {
                  consumer.subscribe(
                      List.of(
                          Topics.PASSKEY_ELIGIBLE.name(), Topics.PASSKEY_UPGRADE_SKIPPED.name()));
                  while (running) {
                    var records = consumer.poll(Duration.ofMillis(20));
                    long now = System.nanoTime();
                    if (!assigned && !consumer.assignment().isEmpty()) {
                      consumer.assignment().forEach(consumer::position);
                      assigned = true;
                    }
                    records.forEach(
                        r -> {
                          Arrival arrival = new Arrival(r.value(), now);
                          String loginId = ((LoginEvent) r.value()).loginId();
                          byLogin
                              .computeIfAbsent(loginId, k -> new CopyOnWriteArrayList<>())
                              .add(arrival);
                          first
                              .computeIfAbsent(loginId, k -> new CompletableFuture<>())
                              .complete(arrival);
                        });
                  }
                  consumer.close(Duration.ofSeconds(1));
                });
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!assigned && System.nanoTime() < deadline) {
      sleep(10);
    }
    if (!assigned) {
      throw new IllegalStateException("decision listener got no partitions");
    }
  }

  /** The first decision of {@code loginId}, waiting without burning CPU. */
  Arrival await(String loginId, Duration timeout) {
    try {
      return first
          .computeIfAbsent(loginId, k -> new CompletableFuture<>())
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no decision for login " + loginId + " within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException e) {
      throw new AssertionError(e);
    }
  }

  PassbridgeEvent awaitDecision(String loginId) {
    return await(loginId, Duration.ofSeconds(20)).decision();
  }

  List<PassbridgeEvent> decisionsOf(String loginId) {
    List<PassbridgeEvent> decisions = new ArrayList<>();
    byLogin.getOrDefault(loginId, List.of()).forEach(a -> decisions.add(a.decision()));
    return decisions;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
