package dev.passbridge.passkey.login;

import dev.passbridge.contracts.ids.LoginBinding;
import dev.passbridge.passkey.webauthn.Outcome;
import dev.passbridge.passkey.webauthn.Rejection;
import dev.passbridge.passkey.webauthn.RejectionCode;
import dev.passbridge.passkey.webauthn.WebAuthnFailures;
import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.core.connect.ConnectClients;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.web.PassbridgeWebProperties;
import dev.passbridge.platform.web.ProblemException;
import dev.passbridge.platform.web.Problems;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Passkey login endpoints (no session: this is how one is obtained). Without {@code clientId} a
 * hosted login (answer {@code {loginId}}, Origin of the hosted allowlist); with one a connect
 * client's login (answer {@code {loginResult}}, Origin one of that client's origins, else 403
 * {@code origin-not-allowed}; an unknown client is 400 {@code unknown-client}).
 */
@RestController
@RequestMapping("/api/passkeys/login")
public class PasskeyLoginController {
  static final String CLIENT_ID = "[a-z0-9-]{3,40}";

  private final PasskeyLoginService logins;
  private final ConnectClients clients;
  private final List<String> hostedOrigins;

  public PasskeyLoginController(
      PasskeyLoginService logins, ConnectClients clients, PassbridgeWebProperties web) {
    this.logins = logins;
    this.clients = clients;
    this.hostedOrigins = web.allowedOrigins();
  }

  /**
   * @param clientId the connect client the login is for; absent for a hosted login
   */
  public record OptionsRequest(@Pattern(regexp = CLIENT_ID) String clientId) {}

  /**
   * @param credential {@code AuthenticationResponseJSON}, i.e. {@code PublicKeyCredential.toJSON()}
   * @param clientId the same client as in the options request (absent: hosted)
   */
  @Schema(name = "PasskeyLoginRequest")
  public record LoginRequest(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String ceremonyId,
      @NotNull JsonNode credential,
      @Pattern(regexp = CLIENT_ID) String clientId) {}

  @Schema(name = "PasskeyLoginResponse", requiredProperties = "loginId")
  public record LoginResponse(String loginId) {}

  @Schema(requiredProperties = "loginResult")
  public record ClientLoginResponse(String loginResult) {}

  @PostMapping("/options")
  @ProblemResponse(
      status = 400,
      code = {"validation-failed", "malformed-request", "unknown-client"},
      description = "The input is not valid, or there is no such client.")
  public PasskeyLoginService.LoginOptions options(
      @RequestHeader(name = HttpHeaders.ORIGIN, required = false) List<String> origin,
      @Valid @RequestBody(required = false) OptionsRequest request) {
    String clientId = request == null ? null : request.clientId();
    return logins.options(client(clientId, origin));
  }

  @PostMapping
  @ApiResponse(
      responseCode = "200",
      description =
          "The passkey login passed: `{loginId}` for a hosted login (with the pb_login cookie"
              + " that binds it to this browser for POST /api/auth/session), `{loginResult}` for a"
              + " client's.",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(oneOf = {LoginResponse.class, ClientLoginResponse.class})))
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
        "user-handle-mismatch",
        "counter-regression",
        "backup-flags-invalid",
        "verification-failed",
        "unknown-client"
      },
      description = "The input is not valid, the client unknown, or the assertion is refused.")
  @ProblemResponse(
      status = 404,
      code = "unknown-credential",
      description =
          "No passkey with this credential id (`credentialId` and `rpId` for"
              + " signalUnknownCredential).")
  public ResponseEntity<?> login(
      @RequestHeader(name = HttpHeaders.ORIGIN, required = false) List<String> origin,
      @Valid @RequestBody LoginRequest request) {
    ConnectClient client = client(request.clientId(), origin);
    if (!request.credential().isObject()) {
      return problem(
          Rejection.of(
              RejectionCode.MALFORMED_CREDENTIAL,
              WebAuthnFailures.detail(RejectionCode.MALFORMED_CREDENTIAL)));
    }
    return switch (logins.login(request.ceremonyId(), request.credential().toString(), client)) {
      case Outcome.Rejected<PasskeyLoginService.PasskeyLogin> r -> problem(r.rejection());
      case Outcome.Ok<PasskeyLoginService.PasskeyLogin> ok ->
          client == null
              ? ResponseEntity.ok()
                  .header(HttpHeaders.SET_COOKIE, bindingCookie(ok.value().bindingToken()))
                  .body(new LoginResponse(ok.value().loginId()))
              : ResponseEntity.ok(new ClientLoginResponse(ok.value().loginResult()));
    };
  }

  /**
   * The connect client named (null: hosted), after the Origin check: a client's login only from its
   * origins, a hosted one only from the hosted allowlist.
   */
  private ConnectClient client(String clientId, List<String> origin) {
    if (clientId == null) {
      if (origin == null || origin.size() != 1 || !hostedOrigins.contains(origin.getFirst())) {
        throw originNotAllowed();
      }
      return null;
    }
    ConnectClient client =
        clients
            .find(clientId)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.BAD_REQUEST, "unknown-client", "There is no such client."));
    if (origin == null || origin.size() != 1 || !clients.originAllowed(client, origin.getFirst())) {
      throw originNotAllowed();
    }
    return client;
  }

  private static ProblemException originNotAllowed() {
    return new ProblemException(
        HttpStatus.FORBIDDEN, "origin-not-allowed", "Requests from this origin are not allowed.");
  }

  /**
   * The hosted login's browser binding, sent only to auth-service's session exchange: only this
   * browser can trade the login for a session ({@link LoginBinding}). Lives as long as the login
   * (auth-service keeps a passkey login 10 minutes).
   */
  private static String bindingCookie(String token) {
    return ResponseCookie.from(LoginBinding.COOKIE, token)
        .httpOnly(true)
        .secure(true)
        .sameSite("Strict")
        .path(LoginBinding.PATH)
        .maxAge(Duration.ofMinutes(10))
        .build()
        .toString();
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
