package dev.passbridge.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.schema.SchemaGenerator;
import dev.passbridge.contracts.serde.EventJson;
import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Keeps the committed JSON Schemas and {@code docs/asyncapi.yaml} in step with the records, and
 * checks serialised samples against the schemas.
 */
class ContractDocumentsTest {

  private static final Path SCHEMAS = Path.of("src/main/resources/schemas");
  private static final Path ASYNCAPI = Path.of("../docs/asyncapi.yaml");
  private static final boolean REGENERATE = Boolean.getBoolean("contracts.regenerate");
  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  static List<Topic<?>> topics() {
    return Topics.ALL;
  }

  @ParameterizedTest
  @MethodSource("topics")
  void committedSchemaMatchesTheRecord(Topic<?> topic) throws IOException {
    String generated = PRETTY.writeValueAsString(SchemaGenerator.schema(topic)) + "\n";
    Path file = SCHEMAS.resolve(SchemaGenerator.schemaFileName(topic));
    if (REGENERATE) {
      Files.writeString(file, generated);
    }
    assertThat(file).as("schema file for " + topic.name()).exists();
    assertThat(Files.readString(file))
        .as("%s is out of date; regenerate with -Dcontracts.regenerate=true", file)
        .isEqualTo(generated);
  }

  @Test
  void asyncApiDocumentListsEveryTopicWithItsSchema() throws IOException {
    String generated = SchemaGenerator.asyncApi();
    if (REGENERATE) {
      Files.writeString(ASYNCAPI, generated);
    }
    assertThat(Files.readString(ASYNCAPI)).isEqualTo(generated);

    JsonNode doc = YAMLMapper.builder().build().readTree(ASYNCAPI.toFile());
    // every header a record carries is documented (ce_subject and content-type were not)
    Topic<?> first = Topics.ALL.getFirst();
    JsonNode headers =
        doc.at("/components/messages/" + first.valueType().getSimpleName() + "/headers/properties");
    for (String header :
        dev.passbridge.contracts.serde.CloudEventHeaders.of(
                first, (PassbridgeEvent) EventArbitraries.of(recordType(first)).sample())
            .keySet()) {
      assertThat(headers.has(header)).as("header %s documented", header).isTrue();
    }
    assertThat(headers.has("traceparent")).isTrue();
    assertThat(doc.get("asyncapi").asString()).isEqualTo("3.0.0");
    for (Topic<?> topic : Topics.ALL) {
      String id = topic.valueType().getSimpleName();
      assertThat(doc.at("/channels/" + id + "/address").asString()).isEqualTo(topic.name());
      String ref = doc.at("/components/messages/" + id + "/payload/schema/$ref").asString();
      Path schema = ASYNCAPI.getParent().resolve(ref).normalize();
      assertThat(schema).as("payload schema of " + id).exists();
    }
  }

  @ParameterizedTest
  @MethodSource("topics")
  void serialisedSamplesValidateAgainstTheirSchema(Topic<?> topic) throws IOException {
    Schema schema = schemaOf(topic);
    Arbitrary<? extends Record> samples = EventArbitraries.of(recordType(topic));
    samples
        .sampleStream()
        .limit(50)
        .forEach(
            sample -> {
              JsonNode json = EventJson.MAPPER.readTree(EventJson.write((PassbridgeEvent) sample));
              List<Error> errors = schema.validate(json);
              assertThat(errors).as("sample %s", json).isEmpty();
            });
  }

  @ParameterizedTest
  @MethodSource("topics")
  void schemaRejectsAPayloadWithoutItsRequiredFields(Topic<?> topic) throws IOException {
    Schema schema = schemaOf(topic);
    PassbridgeEvent sample = (PassbridgeEvent) EventArbitraries.of(recordType(topic)).sample();
    ObjectNode json = (ObjectNode) EventJson.MAPPER.readTree(EventJson.write(sample));
    json.remove("eventId");
    assertThat(schema.validate(json)).isNotEmpty();
  }

  @Test
  void recordsRejectMissingRequiredFields() {
    assertThatThrownBy(
            () ->
                new dev.passbridge.contracts.events.OtpVerified(
                    null, java.time.Instant.now(), java.util.UUID.randomUUID(), "l", "SMS"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("eventId");
    assertThatThrownBy(
            () ->
                new dev.passbridge.contracts.events.OtpVerified(
                    java.util.UUID.randomUUID(),
                    java.time.Instant.now(),
                    java.util.UUID.randomUUID(),
                    " ",
                    "SMS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loginId");
  }

  @Test
  void cloudEventHeadersNameTheTypeSourceAndTime() {
    PassbridgeEvent sample =
        (PassbridgeEvent) EventArbitraries.of(recordType(Topics.OTP_VERIFIED)).sample();
    Map<String, String> headers =
        dev.passbridge.contracts.serde.CloudEventHeaders.of(Topics.OTP_VERIFIED, sample);
    assertThat(headers)
        .containsEntry("ce_id", sample.eventId().toString())
        .containsEntry("ce_type", "dev.passbridge.OtpVerified.v1")
        .containsEntry("ce_source", "/passbridge/otp-service")
        .containsEntry("ce_time", sample.occurredAt().toString())
        .containsEntry("ce_specversion", "1.0");
  }

  private static Schema schemaOf(Topic<?> topic) throws IOException {
    String text = Files.readString(SCHEMAS.resolve(SchemaGenerator.schemaFileName(topic)));
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(PRETTY.readTree(text));
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Record> recordType(Topic<?> topic) {
    return (Class<? extends Record>) topic.valueType();
  }
}
