package dev.passbridge.contracts.serde;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.topics.Topics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any {@link PassbridgeEvent} as JSON and, when Kafka passes the record headers, adds the
 * CloudEvents attributes (replacing any stale ones).
 */
public final class EventSerializer implements Serializer<PassbridgeEvent> {

  @Override
  public byte[] serialize(String topic, PassbridgeEvent event) {
    return event == null ? null : EventJson.write(event);
  }

  @Override
  public byte[] serialize(String topic, Headers headers, PassbridgeEvent event) {
    if (event == null) {
      return null;
    }
    if (headers != null) {
      CloudEventHeaders.of(Topics.of(event), event)
          .forEach(
              (name, value) -> {
                headers.remove(name);
                headers.add(name, CloudEventHeaders.bytes(value));
              });
    }
    return EventJson.write(event);
  }
}
