package dev.passbridge.otp.verify;

import dev.passbridge.contracts.ids.LoginBinding;
import dev.passbridge.contracts.ids.LoginId;
import dev.passbridge.otp.internal.AccountLockProblem;
import dev.passbridge.otp.internal.NotYourLoginProblem;
import dev.passbridge.otp.web.OtpInput;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.web.Problems;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/otp/verify {loginId, code}} (docs/architecture.md §4). */
@RestController
class VerifyController {
  private final OtpVerifier verifier;

  VerifyController(OtpVerifier verifier) {
    this.verifier = verifier;
  }

  record VerifyRequest(
      @NotNull @Pattern(regexp = LoginId.PATTERN, message = OtpInput.LOGIN_ID_MESSAGE)
          String loginId,
      @NotNull @Pattern(regexp = OtpInput.CODE, message = OtpInput.CODE_MESSAGE) String code) {

    @Override
    public String toString() {
      return "VerifyRequest[loginId=" + loginId + ", code=<redacted>]";
    }
  }

  @PostMapping("/api/otp/verify")
  @ApiResponse(
      responseCode = "204",
      description = "The code is right; OtpVerified is acknowledged by Kafka.",
      content = @Content)
  @ProblemResponse(
      status = 400,
      code = {"otp-invalid", "validation-failed", "malformed-request"},
      description = "The code is wrong (`attemptsLeft`), or the input is not valid.")
  @ProblemResponse(
      status = 403,
      code = "login-started-elsewhere",
      description = NotYourLoginProblem.DESCRIPTION)
  @ProblemResponse(
      status = 410,
      code = "otp-expired",
      description = "No valid code for this login any more (unknown, used or expired).")
  @ProblemResponse(
      status = 503,
      code = "service-unavailable",
      description =
          "Kafka did not acknowledge OtpVerified (the same code may be entered again), or another"
              + " request took the code and is waiting for it (Retry-After).")
  @ProblemResponse(
      status = 429,
      code = {"otp-locked", "otp-account-locked"},
      description =
          "Too many wrong codes for this login, or the account is locked (Retry-After until the"
              + " lock ends).")
  ResponseEntity<?> verify(
      @Valid @RequestBody VerifyRequest request,
      @Parameter(hidden = true) @CookieValue(name = LoginBinding.COOKIE, required = false)
          String binding) {
    return switch (verifier.verify(
        request.loginId(), request.code(), LoginBinding.digest(binding))) {
      case VerifyResult.Verified v -> ResponseEntity.noContent().build();
      case VerifyResult.Invalid invalid ->
          Problems.response(
              HttpStatus.BAD_REQUEST,
              "otp-invalid",
              "The code is not correct.",
              Map.of("attemptsLeft", invalid.attemptsLeft()));
      case VerifyResult.Locked l ->
          Problems.response(
              HttpStatus.TOO_MANY_REQUESTS,
              "otp-locked",
              "Too many wrong codes. Log in again to get a new code.");
      case VerifyResult.AccountLocked l -> AccountLockProblem.response(l.retryAfter());
      case VerifyResult.Expired e ->
          Problems.response(
              HttpStatus.GONE,
              "otp-expired",
              "There is no valid code for this login any more. Log in again.");
      case VerifyResult.NotYours n -> NotYourLoginProblem.response();
      case VerifyResult.InProgress p ->
          Problems.retryAfter(
              HttpStatus.SERVICE_UNAVAILABLE,
              "service-unavailable",
              "This login's code is being confirmed; ask again shortly.",
              p.retryAfter());
    };
  }
}
