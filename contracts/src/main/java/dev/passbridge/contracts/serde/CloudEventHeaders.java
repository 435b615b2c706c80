package dev.passbridge.contracts.serde;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudEvents Kafka protocol binding, binary mode: the attributes travel as {@code ce_*} headers
 * and the payload is the event JSON.
 */
public final class CloudEventHeaders {
  private CloudEventHeaders() {}

  public static final String ID = "ce_id";
  public static final String TYPE = "ce_type";
  public static final String SOURCE = "ce_source";
  public static final String TIME = "ce_time";
  public static final String SPEC_VERSION = "ce_specversion";
  public static final String SUBJECT = "ce_subject";
  public static final String CONTENT_TYPE = "content-type";

  public static Map<String, String> of(Topic<?> topic, PassbridgeEvent event) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(ID, event.eventId().toString());
    headers.put(TYPE, topic.cloudEventType());
    headers.put(SOURCE, "/passbridge/" + topic.writer());
    headers.put(TIME, event.occurredAt().toString());
    headers.put(SPEC_VERSION, "1.0");
    headers.put(SUBJECT, event.userId().toString());
    headers.put(CONTENT_TYPE, "application/json");
    return headers;
  }

  public static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
