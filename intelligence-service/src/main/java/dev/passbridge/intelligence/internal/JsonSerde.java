package dev.passbridge.intelligence.internal;

import dev.passbridge.intelligence.IntelligenceJson;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde for state-store values; unknown fields are ignored, so state can evolve. */
public final class JsonSerde<T> implements Serde<T> {
  private final Class<T> type;

  private JsonSerde(Class<T> type) {
    this.type = type;
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) ->
        value == null ? null : IntelligenceJson.MAPPER.writeValueAsBytes(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return IntelligenceJson.MAPPER.readValue(bytes, type);
      } catch (RuntimeException e) {
        throw new SerializationException("cannot read " + type.getSimpleName(), e);
      }
    };
  }
}
