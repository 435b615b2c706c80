package dev.passbridge.contracts.serde;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.topics.Topic;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A typed serde for one topic's events (Kafka Streams). */
public final class EventSerde<V extends PassbridgeEvent> implements Serde<V> {
  private final Topic<V> topic;

  public EventSerde(Topic<V> topic) {
    this.topic = topic;
  }

  public static <V extends PassbridgeEvent> EventSerde<V> of(Topic<V> topic) {
    return new EventSerde<>(topic);
  }

  @Override
  public Serializer<V> serializer() {
    EventSerializer delegate = new EventSerializer();
    return new Serializer<>() {
      @Override
      public byte[] serialize(String t, V data) {
        return delegate.serialize(t, data);
      }

      @Override
      public byte[] serialize(String t, org.apache.kafka.common.header.Headers headers, V data) {
        return delegate.serialize(t, headers, data);
      }
    };
  }

  @Override
  public Deserializer<V> deserializer() {
    return (t, data) -> data == null ? null : EventJson.read(data, topic.valueType());
  }
}
