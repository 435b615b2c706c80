package dev.passbridge.reliability.support;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.serde.EventSerializer;
import dev.passbridge.contracts.topics.Topics;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producers for tests that write to the topics themselves (poison records, a stand-in writer). */
public final class KafkaClients {
  private KafkaClients() {}

  private static Map<String, Object> settings(String bootstrap) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.LINGER_MS_CONFIG,
        0);
  }

  /** Raw bytes to any topic. */
  public static KafkaProducer<String, byte[]> raw(String bootstrap) {
    return new KafkaProducer<>(
        settings(bootstrap), new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * Events the way their writing service sends them (contracts' serializer, CloudEvents headers).
   */
  public static void publish(String bootstrap, PassbridgeEvent... events) {
    try (KafkaProducer<String, PassbridgeEvent> producer =
        new KafkaProducer<>(settings(bootstrap), new StringSerializer(), new EventSerializer())) {
      for (PassbridgeEvent event : events) {
        producer.send(new ProducerRecord<>(Topics.of(event).name(), event.key(), event)).get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
