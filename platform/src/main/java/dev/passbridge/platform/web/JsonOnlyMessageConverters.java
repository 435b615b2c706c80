package dev.passbridge.platform.web;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The message converters of a servlet service's web layer: JSON only, and request bodies read
 * strictly.
 *
 * <p>Why JSON only: every answer of the API is JSON (problems {@code application/problem+json}), as
 * the documents say. Spring registers a converter for each Jackson data format it finds on the
 * class path, and dependencies bring YAML and CBOR along, so {@code Accept: application/yaml} got a
 * YAML answer. The YAML, CBOR, Smile, XML, Protobuf and feed converters are removed (springdoc
 * writes {@code /v3/api-docs.yaml} itself, as bytes).
 *
 * <p>Why strict: Jackson's defaults read {@code "code": 123456} into a {@code String} as {@code
 * "123456"} (otp-service counted it as a wrong attempt instead of refusing it), {@code "username":
 * true} as {@code "true"}, {@code "5"} into an {@code int} and take the last of two equal keys
 * ({@code {"username":"x","username":"alice"}}), so what a validator or a log saw could differ from
 * what was used. The web layer's mapper refuses, as 400 {@code malformed-request}: a number or
 * boolean where a string is expected, a string where a number or boolean is expected, a float for
 * an integer, a number for an enum, and a repeated key. Unknown properties stay ignored, as before.
 *
 * <p>The mapper is the application's {@link JsonMapper} (Spring Boot's, with its modules and
 * settings) rebuilt with these settings for the HTTP converter only: the application's own bean,
 * which reads SMS providers' answers and Redis values, is unchanged, and the events are read by
 * {@code contracts}' own mapper (which keeps reading unknown fields). Ordered last, so it runs
 * after Spring Boot's converter configuration and replaces its JSON converter.
 */
public class JsonOnlyMessageConverters implements WebMvcConfigurer, Ordered {
  /** Formats the API never answers with (their converters are removed). */
  static final List<MediaType> OTHER_FORMATS =
      List.of(
          MediaType.APPLICATION_YAML,
          MediaType.APPLICATION_CBOR,
          new MediaType("application", "x-jackson-smile"),
          MediaType.APPLICATION_XML,
          MediaType.TEXT_XML,
          new MediaType("application", "x-protobuf"),
          new MediaType("application", "protobuf"),
          MediaType.APPLICATION_ATOM_XML,
          MediaType.APPLICATION_RSS_XML);

  private final JsonMapper strict;

  public JsonOnlyMessageConverters(JsonMapper base) {
    this.strict = strict(base);
  }

  /** {@code base} with the strict reading rules (writing is unchanged). */
  public static JsonMapper strict(JsonMapper base) {
    return base.rebuild()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .withCoercionConfig(
            LogicalType.Textual,
            c ->
                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .addModule(IsoInstantDeserializer.module())
        .build();
  }

  /** The mapper the JSON converter reads and writes with. */
  public JsonMapper mapper() {
    return strict;
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
    builder
        .withJsonConverter(new JacksonJsonHttpMessageConverter(strict))
        .configureMessageConvertersList(converters -> converters.removeIf(this::otherFormat));
  }

  private boolean otherFormat(HttpMessageConverter<?> converter) {
    return converter.getSupportedMediaTypes().stream()
        .anyMatch(type -> OTHER_FORMATS.stream().anyMatch(type::equalsTypeAndSubtype));
  }
}
