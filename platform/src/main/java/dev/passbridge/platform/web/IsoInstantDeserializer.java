package dev.passbridge.platform.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * An instant only as an ISO-8601 string ({@code "2026-12-06T10:00:00Z"}). Jackson's own reader also
 * takes a number as seconds since 1970, and its coercion settings do not reach its date-time
 * readers, so {@code "verifiedAt": 1765000000} was read as a time where every documented field says
 * ISO-8601; the strict web reader ({@link JsonOnlyMessageConverters#strict}) refuses it (400 {@code
 * malformed-request}).
 */
public final class IsoInstantDeserializer extends ValueDeserializer<Instant> {
  static final IsoInstantDeserializer INSTANCE = new IsoInstantDeserializer();

  /** A module that reads every {@link Instant} this way. */
  public static SimpleModule module() {
    return new SimpleModule("iso-instants").addDeserializer(Instant.class, INSTANCE);
  }

  @Override
  public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
    if (!p.hasToken(JsonToken.VALUE_STRING)) {
      return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
    }
    String text = p.getString().trim();
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
    }
  }
}
