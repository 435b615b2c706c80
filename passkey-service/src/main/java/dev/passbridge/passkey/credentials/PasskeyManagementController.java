package dev.passbridge.passkey.credentials;

import dev.passbridge.passkey.caller.Caller;
import dev.passbridge.passkey.caller.CurrentCaller;
import dev.passbridge.passkey.webauthn.RelyingPartyPolicy;
import dev.passbridge.platform.core.connect.ConnectScope;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.validation.VisibleText;
import dev.passbridge.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Passkey management (docs/services/passkey-service.md, "HTTP API"): the caller's own passkeys only
 * (a session, or a connect token with scope {@code manage}); anything else is a 404.
 */
@RestController
@RequestMapping("/api/passkeys")
public class PasskeyManagementController {
  private final PasskeyCredentials credentials;
  private final String rpId;

  public PasskeyManagementController(PasskeyCredentials credentials, RelyingPartyPolicy policy) {
    this.credentials = credentials;
    this.rpId = policy.rpId();
  }

  /**
   * @param synced BS flag: the passkey is backed up / synced; false means device-bound (or not yet
   *     backed up)
   * @param backupEligible BE flag: the provider can sync it
   * @param rpId and {@code userHandle} (base64url of the WebAuthn {@code user.id}): what the
   *     browser's Signal API ({@code signalAllAcceptedCredentials}) needs
   * @param lastUsedAt {@code null} until the passkey's first login
   */
  @Schema(
      requiredProperties = {
        "id",
        "name",
        "providerName",
        "createdAt",
        "lastUsedAt",
        "synced",
        "backupEligible",
        "transports",
        "rpId",
        "userHandle"
      })
  public record PasskeyView(
      String id,
      String name,
      String providerName,
      Instant createdAt,
      @Schema(nullable = true) Instant lastUsedAt,
      boolean synced,
      boolean backupEligible,
      List<String> transports,
      String rpId,
      String userHandle) {

    static PasskeyView of(StoredCredential c, String rpId) {
      return new PasskeyView(
          c.credentialId(),
          c.name(),
          c.providerName(),
          c.createdAt(),
          c.lastUsedAt(),
          c.backupState(),
          c.backupEligible(),
          c.transports(),
          rpId,
          c.userHandle());
    }
  }

  /**
   * @param name 1 to 64 characters (code points), not blank, without control characters (Cc),
   *     invisible format characters (Cf: bidi overrides, zero-width spaces, ...), unpaired
   *     surrogates (Cs), line or paragraph separators (Zl, Zp: U+2028 and U+2029 break a line where
   *     the name is shown) or private-use characters (Co: they look different, or like nothing, on
   *     every device), and a JSON string: a number or boolean is not turned into one. Two format
   *     characters are text: the zero-width joiner (U+200D, which makes one emoji of a family
   *     "👨‍👩‍👧" or a flag sequence) and non-joiner (U+200C, needed to write Persian and several
   *     Indic scripts). The rule is platform's {@link VisibleText}.
   */
  public record RenameRequest(
      @NotBlank(message = "must be a non-blank string")
          @VisibleText(max = 64)
          @Schema(minLength = 1, maxLength = 64)
          @JsonDeserialize(using = StringOnly.class)
          String name) {}

  /**
   * Reads a JSON string as itself and anything else (number, boolean, array, object) as {@code
   * null}, which the field's {@code @NotBlank} then refuses: a 400 {@code validation-failed} naming
   * the field, where Jackson would otherwise have turned {@code 5} into {@code "5"}.
   */
  public static final class StringOnly extends ValueDeserializer<String> {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
      if (p.hasToken(JsonToken.VALUE_STRING)) {
        return p.getString();
      }
      p.skipChildren();
      return null;
    }
  }

  @GetMapping
  public List<PasskeyView> list(@CurrentCaller(scope = ConnectScope.MANAGE) Caller caller) {
    return credentials.list(caller.userId()).stream().map(c -> PasskeyView.of(c, rpId)).toList();
  }

  @PatchMapping("/{id}")
  @ProblemResponse(
      status = 404,
      code = "passkey-not-found",
      description = "The caller has no passkey with this id.")
  public PasskeyView rename(
      @CurrentCaller(scope = ConnectScope.MANAGE) Caller caller,
      @PathVariable String id,
      @Valid @RequestBody RenameRequest request) {
    return credentials
        .rename(caller.userId(), id, request.name().strip())
        .map(c -> PasskeyView.of(c, rpId))
        .orElseThrow(PasskeyManagementController::notFound);
  }

  @DeleteMapping("/{id}")
  @ApiResponse(responseCode = "204", description = "The passkey is deleted.", content = @Content)
  @ProblemResponse(
      status = 404,
      code = "passkey-not-found",
      description = "The caller has no passkey with this id.")
  public ResponseEntity<Void> delete(
      @CurrentCaller(scope = ConnectScope.MANAGE) Caller caller, @PathVariable String id) {
    String clientId = caller instanceof Caller.Connect connect ? connect.client().clientId() : null;
    if (!credentials.delete(caller.userId(), id, clientId)) {
      throw notFound();
    }
    return ResponseEntity.noContent().build();
  }

  static ProblemException notFound() {
    return new ProblemException(
        HttpStatus.NOT_FOUND, "passkey-not-found", "You have no passkey with this id.");
  }
}
