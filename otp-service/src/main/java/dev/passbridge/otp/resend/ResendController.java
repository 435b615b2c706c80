package dev.passbridge.otp.resend;

import dev.passbridge.contracts.ids.LoginBinding;
import dev.passbridge.contracts.ids.LoginId;
import dev.passbridge.otp.internal.AccountLockProblem;
import dev.passbridge.otp.internal.NotYourLoginProblem;
import dev.passbridge.otp.web.OtpInput;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.web.Problems;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/otp/resend {loginId}} → 200 {@code {channel, maskedDestination, expiresAt,
 * resendsLeft, nextResendAt}} (the login answer's {@code otp} object, plus the resend budget).
 */
@RestController
class ResendController {
  private final OtpResender resender;

  ResendController(OtpResender resender) {
    this.resender = resender;
  }

  record ResendRequest(
      @NotNull @Pattern(regexp = LoginId.PATTERN, message = OtpInput.LOGIN_ID_MESSAGE)
          String loginId) {}

  @Schema(
      requiredProperties = {
        "channel",
        "maskedDestination",
        "expiresAt",
        "resendsLeft",
        "nextResendAt"
      })
  record ResendResponse(
      String channel,
      String maskedDestination,
      Instant expiresAt,
      int resendsLeft,
      Instant nextResendAt) {}

  @PostMapping("/api/otp/resend")
  @ApiResponse(
      responseCode = "200",
      description = "A new code is sent.",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ResendResponse.class)))
  @ProblemResponse(
      status = 403,
      code = "login-started-elsewhere",
      description = NotYourLoginProblem.DESCRIPTION)
  @ProblemResponse(
      status = 410,
      code = "otp-expired",
      description = "No valid code for this login any more (unknown, used or expired).")
  @ProblemResponse(
      status = 429,
      code = {"otp-resend-cooldown", "otp-resend-limit", "otp-locked", "otp-account-locked"},
      description =
          "Within the cooldown (Retry-After), all resends used, or the login or account locked.")
  @ProblemResponse(
      status = 502,
      code = "sms-rejected",
      description = "The SMS provider refused the message or the number (`reason`).")
  @ProblemResponse(
      status = 503,
      code = {"sms-unavailable", "service-unavailable"},
      description =
          "The SMS provider or a backing service is unavailable; retry after Retry-After.")
  ResponseEntity<?> resend(
      @Valid @RequestBody ResendRequest request,
      @Parameter(hidden = true) @CookieValue(name = LoginBinding.COOKIE, required = false)
          String binding) {
    return switch (resender.resend(request.loginId(), LoginBinding.digest(binding))) {
      case ResendResult.Sent s ->
          ResponseEntity.ok(
              new ResendResponse(
                  s.channel(),
                  s.maskedDestination(),
                  s.expiresAt(),
                  s.resendsLeft(),
                  s.nextResendAt()));
      case ResendResult.CoolingDown c ->
          Problems.retryAfter(
              HttpStatus.TOO_MANY_REQUESTS,
              "otp-resend-cooldown",
              "A code was sent moments ago; wait before asking for another one.",
              c.retryAfter());
      case ResendResult.LimitReached l ->
          Problems.response(
              HttpStatus.TOO_MANY_REQUESTS,
              "otp-resend-limit",
              "No more codes can be sent for this login. Log in again.");
      case ResendResult.Locked l ->
          Problems.response(
              HttpStatus.TOO_MANY_REQUESTS,
              "otp-locked",
              "Too many wrong codes. Log in again to get a new code.");
      case ResendResult.AccountLocked l -> AccountLockProblem.response(l.retryAfter());
      case ResendResult.Expired e ->
          Problems.response(
              HttpStatus.GONE,
              "otp-expired",
              "There is no valid code for this login any more. Log in again.");
      case ResendResult.NotYours n -> NotYourLoginProblem.response();
      case ResendResult.NotSent n ->
          switch (n.reason()) {
            case UNAVAILABLE ->
                Problems.retryAfter(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "sms-unavailable",
                    "The SMS could not be sent; try again shortly.",
                    Duration.ofSeconds(5));
            case RECIPIENT ->
                Problems.response(
                    HttpStatus.BAD_GATEWAY,
                    "sms-rejected",
                    "Your phone number cannot receive SMS codes from us (it may be invalid, not a"
                        + " mobile number, or blocking our messages). Update the number on your"
                        + " account or contact support.",
                    Map.of("reason", "recipient"));
            case REJECTED ->
                Problems.response(
                    HttpStatus.BAD_GATEWAY,
                    "sms-rejected",
                    "The SMS provider refused the message.",
                    Map.of("reason", "provider"));
          };
    };
  }
}
