package dev.passbridge.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.serde.EventDeserializer;
import dev.passbridge.contracts.serde.EventJson;
import dev.passbridge.contracts.serde.EventSerializer;
import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.node.ObjectNode;

/** decode(encode(x)) == x for every event, and unknown fields are ignored. */
class EventRoundTripProperties {

  private final EventSerializer serializer = new EventSerializer();
  private final EventDeserializer deserializer = new EventDeserializer();

  @Provide
  Arbitrary<PassbridgeEvent> anyEvent() {
    return Arbitraries.oneOf(
        Topics.ALL.stream()
            .map(t -> EventArbitraries.of(recordType(t)).map(e -> (PassbridgeEvent) e))
            .toList());
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Record> recordType(Topic<?> topic) {
    return (Class<? extends Record>) topic.valueType();
  }

  @Property(tries = 600)
  void everyEventSurvivesTheKafkaSerdeUnchanged(@ForAll("anyEvent") PassbridgeEvent event) {
    String topic = Topics.of(event).name();
    byte[] bytes = serializer.serialize(topic, event);
    assertThat(deserializer.deserialize(topic, bytes)).isEqualTo(event);
  }

  @Property(tries = 300)
  void readersIgnoreFieldsAddedByANewerProducer(
      @ForAll("anyEvent") PassbridgeEvent event, @ForAll("fieldName") String extraField) {
    ObjectNode json = EventJson.MAPPER.valueToTree(event);
    json.put(extraField, "added by a newer producer");
    json.putObject(extraField + "Nested").put("x", 1);
    byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(deserializer.deserialize(Topics.of(event).name(), bytes)).isEqualTo(event);
  }

  @Provide
  Arbitrary<String> fieldName() {
    return Arbitraries.strings().alpha().ofMinLength(3).ofMaxLength(12).map(s -> "zz" + s);
  }
}
