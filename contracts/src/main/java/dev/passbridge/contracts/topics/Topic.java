package dev.passbridge.contracts.topics;

import dev.passbridge.contracts.events.PassbridgeEvent;
import java.util.Objects;

/**
 * A typed topic: its name, its key and value types, the one service that writes it and its default
 * partition count. The record key is always the user id as a string.
 *
 * @param name e.g. {@code passbridge.auth.password-authenticated.v1}
 * @param valueType the event record written to it
 * @param writer the only service allowed to produce to it
 * @param defaultPartitions partitions when the deployment does not say otherwise; all topics share
 *     one count so that Kafka Streams can co-partition them by user id
 */
public record Topic<V extends PassbridgeEvent>(
    String name, Class<V> valueType, String writer, int defaultPartitions) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(writer, "writer");
    if (!name.matches("passbridge\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+")) {
      throw new IllegalArgumentException("topic name breaks the naming convention: " + name);
    }
    if (defaultPartitions < 1) {
      throw new IllegalArgumentException("defaultPartitions must be positive");
    }
  }

  public Class<String> keyType() {
    return String.class;
  }

  /** The dead-letter topic of this topic's consumers. */
  public String deadLetterName() {
    return name + ".dlt";
  }

  /** The CloudEvents {@code ce_type}, e.g. {@code dev.passbridge.PasswordAuthenticated.v1}. */
  public String cloudEventType() {
    return "dev.passbridge."
        + valueType.getSimpleName()
        + "."
        + name.substring(name.lastIndexOf('.') + 1);
  }
}
