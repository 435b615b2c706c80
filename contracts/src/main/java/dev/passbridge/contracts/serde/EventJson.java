package dev.passbridge.contracts.serde;

import dev.passbridge.contracts.events.PassbridgeEvent;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of the events (Jackson 3). Readers ignore unknown fields, so a producer may
 * add fields without breaking consumers; a breaking change is a new topic version.
 */
public final class EventJson {
  private EventJson() {}

  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  public static byte[] write(PassbridgeEvent event) {
    return MAPPER.writeValueAsBytes(event);
  }

  public static <V extends PassbridgeEvent> V read(byte[] json, Class<V> type) {
    return MAPPER.readValue(json, type);
  }
}
