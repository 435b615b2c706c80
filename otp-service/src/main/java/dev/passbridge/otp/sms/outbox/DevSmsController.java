package dev.passbridge.otp.sms.outbox;

import dev.passbridge.contracts.ids.LoginId;
import dev.passbridge.otp.sms.outbox.internal.DevSmsOutbox;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.web.Problems;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dev SMS inbox: {@code GET /api/dev/sms?loginId=} → the newest SMS of a login, code included.
 * Exists only in the {@code local} profile; elsewhere the path is an ordinary 404. The gateway must
 * not route {@code /api/dev/**} outside the local profile either.
 */
@RestController
@Profile("local")
@Validated
class DevSmsController {
  private final DevSmsOutbox outbox;

  DevSmsController(DevSmsOutbox outbox) {
    this.outbox = outbox;
  }

  @GetMapping("/api/dev/sms")
  @ApiResponse(
      responseCode = "200",
      description = "The newest SMS of the login, code included.",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = OutboxMessage.class)))
  @ProblemResponse(
      status = 404,
      code = "sms-not-found",
      description = "No SMS was sent for this login.")
  ResponseEntity<?> latest(
      @RequestParam @NotNull @Pattern(regexp = LoginId.PATTERN) String loginId) {
    return outbox
        .latest(loginId)
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(
            () ->
                Problems.response(
                    HttpStatus.NOT_FOUND, "sms-not-found", "No SMS was sent for this login."));
  }
}
