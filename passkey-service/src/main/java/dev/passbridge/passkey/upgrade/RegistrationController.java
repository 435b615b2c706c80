package dev.passbridge.passkey.upgrade;

import dev.passbridge.passkey.caller.Caller;
import dev.passbridge.passkey.caller.CurrentCaller;
import dev.passbridge.passkey.credentials.StoredCredential;
import dev.passbridge.passkey.webauthn.Outcome;
import dev.passbridge.passkey.webauthn.Rejection;
import dev.passbridge.passkey.webauthn.RejectionCode;
import dev.passbridge.passkey.webauthn.WebAuthnFailures;
import dev.passbridge.platform.core.connect.ConnectScope;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.web.Problems;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/passkeys/registrations}: the browser's new credential for an upgrade. */
@RestController
public class RegistrationController {
  private final UpgradeRegistration registrations;

  public RegistrationController(UpgradeRegistration registrations) {
    this.registrations = registrations;
  }

  /**
   * @param credential {@code RegistrationResponseJSON}, i.e. {@code PublicKeyCredential.toJSON()}
   */
  public record RegistrationRequest(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String ceremonyId,
      @NotNull JsonNode credential) {}

  @Schema(requiredProperties = {"credentialId", "name", "providerName"})
  public record RegisteredPasskey(String credentialId, String name, String providerName) {}

  @PostMapping("/api/passkeys/registrations")
  @ApiResponse(
      responseCode = "201",
      description = "The passkey is stored (Location: /api/passkeys/{id}).",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = RegisteredPasskey.class)))
  @ProblemResponse(
      status = 400,
      code = {
        "validation-failed",
        "malformed-request",
        "malformed-credential",
        "challenge-expired",
        "challenge-mismatch",
        "origin-mismatch",
        "rp-id-mismatch",
        "user-presence-missing",
        "bad-signature",
        "unsupported-attestation",
        "bad-attestation",
        "untrusted-attestation",
        "algorithm-not-allowed",
        "backup-flags-invalid",
        "verification-failed"
      },
      description = "The input is not valid, or the credential is refused.")
  @ProblemResponse(
      status = 409,
      code = "credential-exists",
      description = "A passkey with this credential id exists already.")
  @ProblemResponse(
      status = 410,
      code = "user-erased",
      description =
          "The user was erased after the ceremony was prepared: nothing is stored, and no event"
              + " is published.")
  public ResponseEntity<?> register(
      @CurrentCaller(scope = ConnectScope.APPEND) Caller caller,
      @Valid @RequestBody RegistrationRequest request) {
    if (!request.credential().isObject()) {
      return problem(
          Rejection.of(
              RejectionCode.MALFORMED_CREDENTIAL,
              WebAuthnFailures.detail(RejectionCode.MALFORMED_CREDENTIAL)));
    }
    var registrant =
        new UpgradeRegistration.Registrant(
            caller.userId(),
            caller.boundLoginId(),
            caller.tenant(),
            caller.externalUserId(),
            caller.webAuthnOrigins());
    return switch (registrations.register(
        registrant, request.ceremonyId(), request.credential().toString())) {
      case Outcome.Rejected<StoredCredential> r -> problem(r.rejection());
      case Outcome.Ok<StoredCredential> ok ->
          ResponseEntity.created(URI.create("/api/passkeys/" + ok.value().credentialId()))
              .body(
                  new RegisteredPasskey(
                      ok.value().credentialId(), ok.value().name(), ok.value().providerName()));
    };
  }

  /** The rejection as an RFC 9457 answer with its stable type and status. */
  private static ResponseEntity<ProblemDetail> problem(Rejection rejection) {
    return Problems.response(
        HttpStatus.valueOf(rejection.code().status()),
        rejection.code().code(),
        rejection.detail(),
        rejection.properties());
  }
}
