package dev.passbridge.gateway.apidocs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The merge's renaming of clashing components, on plain documents. */
class ApiDocsMergeTest {
  private final JsonMapper json = JsonMapper.builder().build();

  private JsonNode document(String path, String answerSchema, String schemas) {
    return json.readTree(
        """
        {"openapi": "3.1.0",
         "paths": {"%s": {"get": {"responses": {"200": {"description": "ok",
           "content": {"application/json": {"schema": {"$ref": "#/components/schemas/%s"}}}}}}}},
         "components": {"schemas": %s}}
        """
            .formatted(path, answerSchema, schemas));
  }

  @Test
  void aSchemaWrittenAlikeThatRefersToARenamedOneIsRenamedToo() {
    // both services' Offer refer to "Options", which only the second service defines otherwise
    JsonNode first =
        document(
            "/api/first",
            "Offer",
            """
            {"Offer": {"type": "object", "properties": {"options": {"$ref": "#/components/schemas/Options"}}},
             "Options": {"type": "object", "properties": {"challenge": {"type": "string"}}}}
            """);
    JsonNode second =
        document(
            "/api/second",
            "Offer",
            """
            {"Offer": {"type": "object", "properties": {"options": {"$ref": "#/components/schemas/Options"}}},
             "Options": {"type": "object", "properties": {"rpId": {"type": "string"}}}}
            """);

    JsonNode merged =
        new ApiDocsMerge(json)
            .merge(
                List.of(
                    new ApiDocsMerge.Part("first", first, List.of("/api/first")),
                    new ApiDocsMerge.Part("second", second, List.of("/api/second"))));

    JsonNode schemas = merged.path("components").path("schemas");
    // the first service's answer still leads to its own options
    assertThat(schemas.at("/Offer/properties/options/$ref").asString())
        .isEqualTo("#/components/schemas/Options");
    assertThat(schemas.at("/Options/properties").propertyNames()).containsExactly("challenge");
    // the second's leads to its own, under new names
    assertThat(
            merged
                .at("/paths/~1api~1second/get/responses/200/content/application~1json/schema/$ref")
                .asString())
        .isEqualTo("#/components/schemas/second_Offer");
    assertThat(schemas.at("/second_Offer/properties/options/$ref").asString())
        .isEqualTo("#/components/schemas/second_Options");
    assertThat(schemas.at("/second_Options/properties").propertyNames()).containsExactly("rpId");
  }

  @Test
  void schemasDefinedAlikeStayOne() {
    String same =
        """
        {"Offer": {"type": "object", "properties": {"id": {"type": "string"}}}}
        """;
    JsonNode merged =
        new ApiDocsMerge(json)
            .merge(
                List.of(
                    new ApiDocsMerge.Part(
                        "first", document("/api/first", "Offer", same), List.of("/api/first")),
                    new ApiDocsMerge.Part(
                        "second", document("/api/second", "Offer", same), List.of("/api/second"))));

    assertThat(merged.path("components").path("schemas").propertyNames()).containsExactly("Offer");
  }

  @Test
  void aPrefixedNameThatIsTakenGetsANumberInstead() {
    // the second service already has a schema named as the prefixed rename would be
    JsonNode first =
        document(
            "/api/first",
            "Offer",
            """
            {"Offer": {"type": "object", "properties": {"id": {"type": "string"}}}}
            """);
    JsonNode second =
        document(
            "/api/second",
            "second_Offer",
            """
            {"Offer": {"type": "object", "properties": {"other": {"type": "string"}}},
             "second_Offer": {"type": "object", "properties": {"own": {"type": "string"}}}}
            """);

    JsonNode schemas =
        new ApiDocsMerge(json)
            .merge(
                List.of(
                    new ApiDocsMerge.Part("first", first, List.of("/api/first")),
                    new ApiDocsMerge.Part("second", second, List.of("/api/second", "/api/other"))))
            .path("components")
            .path("schemas");

    assertThat(schemas.at("/Offer/properties").propertyNames()).containsExactly("id");
    assertThat(schemas.at("/second_Offer/properties").propertyNames()).containsExactly("own");
  }
}
