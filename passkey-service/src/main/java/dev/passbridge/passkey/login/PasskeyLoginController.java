package dev.passbridge.passkey.login;

import dev.passbridge.passkey.webauthn.Outcome;
import dev.passbridge.passkey.webauthn.Rejection;
import dev.passbridge.passkey.webauthn.RejectionCode;
import dev.passbridge.passkey.webauthn.WebAuthnFailures;
import dev.passbridge.platform.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Passkey login endpoints (no session: this is how one is obtained). */
@RestController
@RequestMapping("/api/passkeys/login")
public class PasskeyLoginController {
  private final PasskeyLoginService logins;

  public PasskeyLoginController(PasskeyLoginService logins) {
    this.logins = logins;
  }

  /**
   * @param credential {@code AuthenticationResponseJSON}, i.e. {@code PublicKeyCredential.toJSON()}
   */
  public record LoginRequest(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String ceremonyId,
      @NotNull JsonNode credential) {}

  public record LoginResponse(String loginId) {}

  @PostMapping("/options")
  public PasskeyLoginService.LoginOptions options() {
    return logins.options();
  }

  @PostMapping
  public ResponseEntity<?> login(@Valid @RequestBody LoginRequest request) {
    if (!request.credential().isObject()) {
      return problem(
          Rejection.of(
              RejectionCode.MALFORMED_CREDENTIAL,
              WebAuthnFailures.detail(RejectionCode.MALFORMED_CREDENTIAL)));
    }
    return switch (logins.login(request.ceremonyId(), request.credential().toString())) {
      case Outcome.Rejected<PasskeyLoginService.PasskeyLogin> r -> problem(r.rejection());
      case Outcome.Ok<PasskeyLoginService.PasskeyLogin> ok ->
          ResponseEntity.ok(new LoginResponse(ok.value().loginId()));
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
