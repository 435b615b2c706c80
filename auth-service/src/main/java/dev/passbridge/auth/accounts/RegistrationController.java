package dev.passbridge.auth.accounts;

import dev.passbridge.auth.ratelimit.RateCounters;
import dev.passbridge.auth.ratelimit.RateLimit;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.validation.VisibleText;
import dev.passbridge.platform.web.Problems;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/auth/register} (docs/architecture.md §4, Accounts). */
@RestController
public class RegistrationController {
  private final Registration registration;
  private final AccountProperties properties;
  private final RateCounters counters;
  private final RateLimit perIp;

  public RegistrationController(
      Registration registration, AccountProperties properties, RateCounters counters) {
    this.registration = registration;
    this.properties = properties;
    this.counters = counters;
    this.perIp = new RateLimit(properties.registrationsPerIp(), properties.registrationWindow());
  }

  public record RegisterRequest(
      @NotBlank @Size(max = 256) String username,
      @NotNull @Size(min = 1, max = 1024) String password,
      @NotBlank @Size(max = 32) String phone,
      @NotBlank @VisibleText(max = 64) @Schema(minLength = 1, maxLength = 64) String displayName) {
    @Override
    public String toString() {
      return "RegisterRequest[username=" + username + "]";
    }
  }

  @Schema(requiredProperties = "userId")
  public record RegisterResponse(UUID userId) {}

  @PostMapping("/api/auth/register")
  @ApiResponse(
      responseCode = "201",
      description = "The account is created.",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = RegisterResponse.class)))
  @ProblemResponse(
      status = 400,
      code = {
        "validation-failed",
        "malformed-request",
        "weak-password",
        "invalid-phone",
        "invalid-username"
      },
      description = "The input is not valid, the password too weak, or phone or username refused.")
  @ProblemResponse(
      status = 403,
      code = {"origin-not-allowed", "registration-disabled"},
      description = "The Origin is not on the allowlist, or registration is switched off.")
  @ProblemResponse(status = 409, code = "username-taken", description = "The username is taken.")
  @ProblemResponse(
      status = 429,
      code = "too-many-attempts",
      description = "Too many registrations from this address; retry after Retry-After.")
  public ResponseEntity<?> register(
      @Valid @RequestBody RegisterRequest body, HttpServletRequest request) {
    if (!properties.registrationEnabled()) {
      return Problems.response(
          HttpStatus.FORBIDDEN, "registration-disabled", "Registration is switched off.");
    }
    var decision =
        perIp.afterHit(
            counters.hit("auth:rl:register-ip:" + request.getRemoteAddr(), perIp.window()));
    if (decision instanceof RateLimit.Decision.Limited limited) {
      return Problems.retryAfter(
          HttpStatus.TOO_MANY_REQUESTS,
          "too-many-attempts",
          "Too many registrations from this address; try again later.",
          limited.retryAfter());
    }
    var result =
        registration.register(
            new Registration.Request(
                body.username(), body.password(), body.phone(), body.displayName()),
            List.of(UserAccount.ROLE_USER));
    return switch (result) {
      case RegistrationResult.Registered r ->
          ResponseEntity.status(HttpStatus.CREATED).body(new RegisterResponse(r.userId()));
      case RegistrationResult.UsernameTaken t ->
          Problems.response(HttpStatus.CONFLICT, "username-taken", "This username is taken.");
      case RegistrationResult.InvalidUsername u ->
          Problems.response(
              HttpStatus.BAD_REQUEST,
              "invalid-username",
              "A username has "
                  + Username.MIN_LENGTH
                  + " to "
                  + Username.MAX_LENGTH
                  + " letters, digits or . _ - @ +, and no spaces.");
      case RegistrationResult.InvalidPhone p ->
          Problems.response(
              HttpStatus.BAD_REQUEST,
              "invalid-phone",
              "The phone number must be in E.164 form, e.g. +4915112345678.");
      case RegistrationResult.WeakPassword w ->
          Problems.response(
              HttpStatus.BAD_REQUEST,
              "weak-password",
              "The password is too weak: use at least "
                  + properties.passwordMinLength()
                  + " characters, not a common password and not mainly the username.",
              Map.of("reasons", w.weaknesses()));
    };
  }
}
