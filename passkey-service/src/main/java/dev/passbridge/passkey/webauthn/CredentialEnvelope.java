package dev.passbridge.passkey.webauthn;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The envelope of a {@code PublicKeyCredential.toJSON()} around its {@code response}, which
 * webauthn4j's JSON parsing does not look at: {@code type} must be {@code "public-key"}, {@code id}
 * and {@code rawId} must be the same non-empty unpadded base64url text (a browser's {@code id} is
 * by definition the base64url of {@code rawId}). A document with a repeated member name is refused
 * too, so this check and webauthn4j cannot read two different values out of one body. Plain Java;
 * thread-safe.
 */
final class CredentialEnvelope {
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private CredentialEnvelope() {}

  /** The decoded {@code rawId}; empty when the envelope is not well-formed. */
  static Optional<byte[]> rawId(String credentialJson) {
    return read(credentialJson).flatMap(CredentialEnvelope::rawId);
  }

  /**
   * Whether the document has the JSON shape of a {@code PublicKeyCredential.toJSON()}: an object
   * with {@code id}, {@code rawId} and {@code type} as strings and a {@code response} object with
   * these members as strings (and no repeated member name). Only the JSON types: what the values
   * say ({@code type}, {@code id} against {@code rawId}, the bytes) is {@link #rawId}'s and the
   * verifier's.
   */
  static boolean shaped(String credentialJson, List<String> responseMembers) {
    Optional<JsonNode> read = read(credentialJson);
    if (read.isEmpty()) {
      return false;
    }
    JsonNode credential = read.get();
    JsonNode response = credential.get("response");
    return strings(credential, List.of("id", "rawId", "type"))
        && response != null
        && response.isObject()
        && strings(response, responseMembers);
  }

  private static boolean strings(JsonNode object, List<String> members) {
    return members.stream().allMatch(m -> object.get(m) != null && object.get(m).isString());
  }

  private static Optional<JsonNode> read(String credentialJson) {
    JsonNode credential;
    try {
      credential = JSON.readTree(credentialJson);
    } catch (JacksonException | IllegalArgumentException e) {
      return Optional.empty();
    }
    return credential != null && credential.isObject() ? Optional.of(credential) : Optional.empty();
  }

  private static Optional<byte[]> rawId(JsonNode credential) {
    JsonNode type = credential.get("type");
    JsonNode id = credential.get("id");
    JsonNode rawId = credential.get("rawId");
    if (type == null || !type.isString() || !"public-key".equals(type.asString())) {
      return Optional.empty();
    }
    if (id == null || !id.isString() || rawId == null || !rawId.isString()) {
      return Optional.empty();
    }
    String text = rawId.asString();
    if (!text.equals(id.asString()) || !BASE64URL.matcher(text).matches()) {
      return Optional.empty();
    }
    return Base64Url.decode(text).filter(bytes -> bytes.length > 0);
  }
}
