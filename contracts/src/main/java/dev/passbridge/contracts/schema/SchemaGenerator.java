package dev.passbridge.contracts.schema;

import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.contracts.serde.CloudEventHeaders;
import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Derives the JSON Schema (draft 2020-12) of every event from its record, and the AsyncAPI 3
 * document from {@link Topics}. The committed files under {@code contracts/src/main/resources/
 * schemas} and {@code docs/asyncapi.yaml} are its output; {@code ContractDocumentsTest} fails when
 * they drift, and {@code -Dcontracts.regenerate=true} rewrites them.
 */
public final class SchemaGenerator {
  private SchemaGenerator() {}

  public static final String SCHEMA_ID_BASE = "https://passbridge.dev/schemas/";

  public static String schemaFileName(Topic<?> topic) {
    return topic.valueType().getSimpleName() + ".v" + version(topic) + ".schema.json";
  }

  private static String version(Topic<?> topic) {
    return topic.name().substring(topic.name().lastIndexOf(".v") + 2);
  }

  /** The schema of one event as an ordered map, ready for JSON output. */
  public static Map<String, Object> schema(Topic<?> topic) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", SCHEMA_ID_BASE + schemaFileName(topic));
    root.put("title", topic.valueType().getSimpleName());
    root.put(
        "description",
        "Payload of topic "
            + topic.name()
            + ", written by "
            + topic.writer()
            + ". Consumers must ignore unknown fields.");
    root.putAll(objectSchema(topic.valueType()));
    return root;
  }

  private static Map<String, Object> objectSchema(Class<?> recordType) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (RecordComponent component : recordType.getRecordComponents()) {
      boolean nullable = component.isAnnotationPresent(Nullable.class);
      Map<String, Object> property = typeSchema(component.getGenericType());
      if (nullable) {
        Object type = property.get("type");
        if (type != null) {
          property.put("type", List.of(type, "null"));
        }
        if (property.get("enum") instanceof List<?> values) {
          List<Object> withNull = new ArrayList<>(values);
          withNull.add(null);
          property.put("enum", withNull);
        }
      } else {
        required.add(component.getName());
      }
      properties.put(component.getName(), property);
    }
    schema.put("properties", properties);
    schema.put("required", required);
    // forward compatible: a newer producer may add fields
    schema.put("additionalProperties", true);
    return schema;
  }

  private static Map<String, Object> typeSchema(Type type) {
    Map<String, Object> schema = new LinkedHashMap<>();
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      if (List.class.isAssignableFrom(raw)) {
        schema.put("type", "array");
        schema.put("items", typeSchema(p.getActualTypeArguments()[0]));
        return schema;
      }
      if (Map.class.isAssignableFrom(raw)) {
        schema.put("type", "object");
        schema.put("additionalProperties", typeSchema(p.getActualTypeArguments()[1]));
        return schema;
      }
      throw new IllegalArgumentException("unsupported type " + type);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      schema.put("type", "string");
      schema.put("minLength", 1);
    } else if (c == UUID.class) {
      schema.put("type", "string");
      schema.put("format", "uuid");
    } else if (c == Instant.class) {
      schema.put("type", "string");
      schema.put("format", "date-time");
    } else if (c == boolean.class || c == Boolean.class) {
      schema.put("type", "boolean");
    } else if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
      schema.put("type", "integer");
    } else if (c.isEnum()) {
      schema.put("type", "string");
      schema.put("enum", Arrays.stream(c.getEnumConstants()).map(Object::toString).toList());
    } else if (c.isRecord()) {
      return objectSchema(c);
    } else {
      throw new IllegalArgumentException("unsupported type " + c);
    }
    return schema;
  }

  /** The AsyncAPI 3.0 document of all topics, as YAML text. */
  public static String asyncApi() {
    StringBuilder y = new StringBuilder();
    y.append("# Generated from dev.passbridge.contracts.topics.Topics by SchemaGenerator.\n");
    y.append("# ContractDocumentsTest fails when this file and the records drift apart;\n");
    y.append("# regenerate with: ./mvnw -pl contracts test -Dcontracts.regenerate=true\n");
    y.append("asyncapi: 3.0.0\n");
    y.append("info:\n");
    y.append("  title: Passbridge events\n");
    y.append("  version: 1.0.0\n");
    y.append("  description: |\n");
    y.append(
        "    Every step of a Passbridge login is an event on Kafka. One topic per event type,\n");
    y.append(
        "    one writing service per topic, record key = userId (all events of one user are\n");
    y.append(
        "    ordered and co-partitioned), JSON payloads, CloudEvents headers (binary mode).\n");
    y.append("defaultContentType: application/json\n");
    y.append("servers:\n");
    y.append("  local:\n");
    y.append("    host: localhost:9092\n");
    y.append("    protocol: kafka\n");
    y.append("    description: the launcher's in-process KRaft broker\n");
    y.append("channels:\n");
    for (Topic<?> t : Topics.ALL) {
      String id = t.valueType().getSimpleName();
      y.append("  ").append(id).append(":\n");
      y.append("    address: ").append(t.name()).append('\n');
      y.append("    description: written by ").append(t.writer()).append('\n');
      y.append("    messages:\n");
      y.append("      ").append(id).append(":\n");
      y.append("        $ref: '#/components/messages/").append(id).append("'\n");
      y.append("    bindings:\n");
      y.append("      kafka:\n");
      y.append("        topic: ").append(t.name()).append('\n');
      y.append("        partitions: ").append(t.defaultPartitions()).append('\n');
      y.append("        bindingVersion: 0.5.0\n");
    }
    y.append("operations:\n");
    for (Topic<?> t : Topics.ALL) {
      String id = t.valueType().getSimpleName();
      y.append("  publish").append(id).append(":\n");
      y.append("    action: send\n");
      y.append("    summary: ").append(t.writer()).append(" publishes ").append(id).append('\n');
      y.append("    channel:\n");
      y.append("      $ref: '#/channels/").append(id).append("'\n");
    }
    y.append("components:\n");
    y.append("  messages:\n");
    for (Topic<?> t : Topics.ALL) {
      String id = t.valueType().getSimpleName();
      y.append("    ").append(id).append(":\n");
      y.append("      name: ").append(id).append('\n');
      y.append("      contentType: application/json\n");
      y.append("      headers:\n");
      y.append("        type: object\n");
      y.append("        properties:\n");
      // every header CloudEventHeaders writes
      for (String h :
          List.of(
              CloudEventHeaders.ID,
              CloudEventHeaders.TYPE,
              CloudEventHeaders.SOURCE,
              CloudEventHeaders.TIME,
              CloudEventHeaders.SPEC_VERSION)) {
        y.append("          ").append(h).append(":\n");
        y.append("            type: string\n");
      }
      y.append("          ").append(CloudEventHeaders.SUBJECT).append(":\n");
      y.append("            type: string\n");
      y.append("            format: uuid\n");
      y.append("            description: userId (the record key)\n");
      y.append("          ").append(CloudEventHeaders.CONTENT_TYPE).append(":\n");
      y.append("            type: string\n");
      y.append("            const: application/json\n");
      y.append("          traceparent:\n");
      y.append("            type: string\n");
      y.append("            description: W3C trace context\n");
      y.append("      bindings:\n");
      y.append("        kafka:\n");
      y.append("          key:\n");
      y.append("            type: string\n");
      y.append("            format: uuid\n");
      y.append("            description: userId\n");
      y.append("          bindingVersion: 0.5.0\n");
      y.append("      payload:\n");
      y.append("        schemaFormat: application/schema+json;version=draft-2020-12\n");
      y.append("        schema:\n");
      y.append("          $ref: '../contracts/src/main/resources/schemas/")
          .append(schemaFileName(t))
          .append("'\n");
    }
    return y.toString();
  }
}
