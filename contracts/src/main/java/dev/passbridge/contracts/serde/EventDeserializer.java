package dev.passbridge.contracts.serde;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the event type that belongs to the record's topic (see {@link Topics}). Unknown fields are
 * ignored; a record that is not valid JSON for its type fails with a {@link
 * SerializationException}, which the consumers' error handler sends to the dead-letter topic.
 */
public final class EventDeserializer implements Deserializer<PassbridgeEvent> {

  @Override
  public PassbridgeEvent deserialize(String topicName, byte[] data) {
    if (data == null) {
      return null;
    }
    Topic<?> topic =
        Topics.byName(topicName)
            .orElseThrow(() -> new SerializationException("not a Passbridge topic: " + topicName));
    try {
      return EventJson.read(data, topic.valueType());
    } catch (RuntimeException e) {
      throw new SerializationException(
          "cannot read " + topic.valueType().getSimpleName() + " from " + topicName, e);
    }
  }
}
