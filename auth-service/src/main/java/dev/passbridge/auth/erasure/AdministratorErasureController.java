package dev.passbridge.auth.erasure;

import dev.passbridge.platform.core.session.Session;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.session.CurrentSession;
import dev.passbridge.platform.validation.VisibleText;
import dev.passbridge.platform.web.Problems;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/account-erasures}: an administrator erases a hosted account on the
 * person's request, by its username, or by its user id to finish an erasure that answered {@code
 * erasure-incomplete} ({@link AccountErasure#eraseAsAdministrator}). The username travels in the
 * body, never in the URL, so no access log or proxy records it. docs/services/auth-service.md, "An
 * administrator erases an account".
 */
@RestController
public class AdministratorErasureController {
  private final AccountErasure erasure;

  public AdministratorErasureController(AccountErasure erasure) {
    this.erasure = erasure;
  }

  @Schema(
      name = "AccountErasureRequest",
      description =
          "Exactly one of `username` (the account as the person signs in, any spelling of it) and"
              + " `userId` (to finish an erasure that answered erasure-incomplete).")
  public record Request(@VisibleText(max = 256) String username, UUID userId) {}

  @Schema(
      name = "AccountErasureResult",
      requiredProperties = {"userId", "accountErased", "sessionsEnded"})
  public record Result(
      @Schema(description = "The erased user") UUID userId,
      @Schema(
              description =
                  "Whether an account was erased now (false: no account has this id, for example"
                      + " because an earlier request erased it; its sessions were ended again)")
          boolean accountErased,
      @Schema(description = "How many of the user's sessions were ended") int sessionsEnded) {}

  @PostMapping("/api/admin/account-erasures")
  @ApiResponse(
      responseCode = "202",
      description =
          "The account is erased (UserErased is out, the row and every session of the person are"
              + " gone, the username is free again); its passkeys and profile go within seconds,"
              + " as the other services read the event.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = Result.class)))
  @ProblemResponse(
      status = 404,
      code = "account-not-found",
      description = "No hosted account has this username; nothing was changed.")
  @ProblemResponse(
      status = 403,
      code = "reauthentication-required",
      description =
          "The administrator's sign-in is older than passbridge.auth.session.recent-sign-in (10"
              + " minutes): nothing was changed; sign in again, then send the request again.")
  @ProblemResponse(
      status = 409,
      code = "administrator-account",
      description =
          "The account is an administrator's: only its owner deletes it (DELETE /api/me). Nothing"
              + " was changed.")
  @ProblemResponse(
      status = 503,
      code = "erasure-incomplete",
      description =
          "The erasure is recorded (UserErased is out, the other services act on it) but not every"
              + " step here finished; `userId` names the user: send {userId} to finish it"
              + " (Retry-After).")
  public ResponseEntity<?> erase(
      @CurrentSession(role = "admin") Session admin, @Valid @RequestBody Request request) {
    String invalid =
        request.username() != null && request.username().isBlank()
            ? "must not be blank"
            : (request.username() == null) == (request.userId() == null)
                ? "give exactly one of username and userId"
                : null;
    if (invalid != null) {
      return Problems.response(
          HttpStatus.BAD_REQUEST,
          "validation-failed",
          "The request is not valid.",
          Map.of("errors", Map.of("username", invalid)));
    }
    var erased =
        erasure.eraseAsAdministrator(
            request.username(), request.userId(), admin.userId(), admin.issuedAt());
    return ResponseEntity.accepted()
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(new Result(erased.userId(), erased.accountErased(), erased.sessionsEnded()));
  }
}
