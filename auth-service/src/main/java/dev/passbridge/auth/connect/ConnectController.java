package dev.passbridge.auth.connect;

import dev.passbridge.auth.login.device.ClientHints;
import dev.passbridge.contracts.events.ClientSignals;
import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.core.connect.ConnectScope;
import dev.passbridge.platform.core.connect.ConnectTokenVerifier;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.validation.VisibleText;
import dev.passbridge.platform.web.Problems;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Connect server API of auth-service, called by a platform's backend with {@code Authorization:
 * Basic} client credentials (the {@link ConnectClient} parameter, resolved first: 401 {@code
 * invalid-client}, 429 {@code quota-exceeded}). Bad input is 400 {@code validation-failed} (or
 * {@code malformed-request}) and stores and publishes nothing.
 */
@RestController
public class ConnectController {
  /** How old a reported second factor may be, and how far in the future (clock skew). */
  static final Duration SECOND_FACTOR_MAX_AGE = Duration.ofMinutes(10);

  static final Duration SECOND_FACTOR_SKEW = Duration.ofSeconds(30);
  static final String EXTERNAL_USER_ID = ConnectTokenVerifier.EXTERNAL_USER_ID_REGEX;

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /**
   * 1 to 255 visible ASCII characters but the comma (a header's values are split at commas),
   * optionally as a quoted structured-field string.
   */
  private static final java.util.regex.Pattern KEY_SHAPE =
      java.util.regex.Pattern.compile("[\\x21-\\x2B\\x2D-\\x7E]{1,255}");

  private final ConnectLogins logins;
  private final ConnectUserErasure erasure;
  private final Clock clock;

  public ConnectController(ConnectLogins logins, ConnectUserErasure erasure, Clock clock) {
    this.logins = logins;
    this.erasure = erasure;
    this.clock = clock;
  }

  @Schema(name = "ConnectLoginRequest")
  public record LoginRequest(
      @NotNull @Pattern(regexp = EXTERNAL_USER_ID) String externalUserId,
      @NotBlank @VisibleText(max = 256) @Schema(minLength = 1, maxLength = 256) String username,
      @VisibleText(max = 256) @Schema(maxLength = 256) String displayName,
      @Valid SecondFactorReport secondFactor,
      @Valid Client client) {}

  /**
   * The platform's own second factor of this login.
   *
   * @param channel e.g. {@code sms}, {@code totp}, {@code email}, {@code push}, {@code webauthn}
   * @param verifiedAt when it passed: not in the future, at most 10 minutes ago
   */
  public record SecondFactorReport(
      @NotNull @Pattern(regexp = "[a-z0-9_-]{1,32}") String channel, @NotNull Instant verifiedAt) {}

  /**
   * What the platform's page saw of the browser (all optional), as on the hosted login.
   *
   * @param userAgent the browser's User-Agent header, as the platform received it
   */
  @Schema(name = "ConnectLoginClient")
  public record Client(
      Boolean autofilled,
      @Size(max = 32) Map<@NotBlank @Size(max = 64) String, Boolean> capabilities,
      @Size(max = 512) String userAgent,
      @Size(max = 32) Map<@NotBlank @Size(max = 64) String, Object> hints) {}

  @Schema(
      name = "ConnectLoginResponse",
      requiredProperties = {"loginId", "connectToken", "expiresIn"})
  public record LoginResponse(String loginId, String connectToken, long expiresIn) {}

  public record TokenRequest(
      @NotNull @Pattern(regexp = EXTERNAL_USER_ID) String externalUserId,
      @NotNull @Pattern(regexp = "manage") String scope) {}

  @Schema(requiredProperties = {"connectToken", "expiresIn"})
  public record TokenResponse(String connectToken, long expiresIn) {}

  @PostMapping("/connect/v1/logins")
  @ApiResponse(
      responseCode = "201",
      description = "The login is reported; an append token for the platform's page.",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = LoginResponse.class)))
  @ProblemResponse(
      status = 422,
      code = "idempotency-key-reused",
      description =
          "The Idempotency-Key names an earlier report with other fields; nothing was done.")
  @ProblemResponse(
      status = 410,
      code = "user-erased",
      description =
          "This user was erased moments ago (DELETE /connect/v1/users/{externalUserId}): for 11"
              + " minutes nothing maps the id to a new user; nothing was done.")
  public ResponseEntity<?> reportLogin(
      ConnectClient client,
      @Parameter(
              in = ParameterIn.HEADER,
              name = IDEMPOTENCY_KEY,
              schema = @Schema(type = "string", minLength = 1, maxLength = 255),
              description =
                  "Optional, 1-255 visible ASCII characters but the comma (a UUID, say), unique"
                      + " per report: a"
                      + " repeat with the same key and fields within 10 minutes is the same login"
                      + " (same loginId, same event), answered with a fresh connect token.")
          @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
          List<String> idempotencyKey,
      @Valid @RequestBody LoginRequest body) {
    Instant now = clock.instant();
    String key = null;
    if (idempotencyKey != null) {
      key = idempotencyKey(idempotencyKey);
      if (key == null) {
        return invalid(
            IDEMPOTENCY_KEY, "must be one header of 1 to 255 visible ASCII characters, no comma");
      }
    }
    SecondFactorReport second = body.secondFactor();
    if (second != null) {
      if (second.verifiedAt().isAfter(now.plus(SECOND_FACTOR_SKEW))) {
        return invalid("secondFactor.verifiedAt", "must not be in the future");
      }
      if (second.verifiedAt().isBefore(now.minus(SECOND_FACTOR_MAX_AGE))) {
        return invalid("secondFactor.verifiedAt", "must be within the last 10 minutes");
      }
    }
    String displayName =
        body.displayName() == null || body.displayName().isBlank()
            ? body.username().strip()
            : body.displayName().strip();
    ReportedLogin login =
        new ReportedLogin(
            body.externalUserId(),
            body.username().strip(),
            displayName,
            second == null ? null : second.channel(),
            second == null ? null : second.verifiedAt(),
            signals(body.client()));
    return switch (logins.reportLogin(client, login, key)) {
      case ConnectLogins.Issued issued ->
          ResponseEntity.status(HttpStatus.CREATED)
              .header(HttpHeaders.CACHE_CONTROL, "no-store")
              .body(
                  new LoginResponse(
                      issued.loginId(), issued.connectToken(), issued.expiresIn().toSeconds()));
      case ConnectLogins.KeyReused reused ->
          Problems.response(
              HttpStatus.UNPROCESSABLE_CONTENT,
              "idempotency-key-reused",
              "This Idempotency-Key was used for a report with other fields; use a new key for a"
                  + " new login.");
    };
  }

  /**
   * The key of the one {@code Idempotency-Key} header (a structured-field string's quotes removed),
   * or null when there are several or the value is not 1 to 255 visible ASCII characters.
   */
  static String idempotencyKey(List<String> headers) {
    if (headers.size() != 1) {
      return null;
    }
    String value = headers.getFirst().strip();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    return KEY_SHAPE.matcher(value).matches() ? value : null;
  }

  @PostMapping("/connect/v1/tokens")
  @ApiResponse(
      responseCode = "201",
      description = "A manage token for the user.",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = TokenResponse.class)))
  @ProblemResponse(
      status = 410,
      code = "user-erased",
      description =
          "This user was erased moments ago (DELETE /connect/v1/users/{externalUserId}): for 11"
              + " minutes nothing maps the id to a new user; nothing was done.")
  public ResponseEntity<?> manageToken(
      ConnectClient client, @Valid @RequestBody TokenRequest body) {
    if (!ConnectScope.MANAGE.wireValue().equals(body.scope())) {
      return invalid("scope", "must be manage");
    }
    ConnectLogins.Issued issued = logins.manageToken(client, body.externalUserId());
    return ResponseEntity.status(HttpStatus.CREATED)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(new TokenResponse(issued.connectToken(), issued.expiresIn().toSeconds()));
  }

  /**
   * Erases a user: Passbridge forgets the platform's id at once, and its passkeys, profile and
   * projections go within seconds, as each service reads {@code UserErased}. Idempotent.
   */
  @DeleteMapping("/connect/v1/users/{externalUserId}")
  @ApiResponse(
      responseCode = "202",
      description =
          "The user is erased here and the erasure is on its way to the other services: the"
              + " mapping is gone now, the passkeys (which stop working) and the profile within"
              + " seconds.",
      content = @Content)
  @ApiResponse(
      responseCode = "204",
      description = "Passbridge keeps nothing for this user (never seen, or erased already).",
      content = @Content)
  @ProblemResponse(
      status = 503,
      code = "erasure-incomplete",
      description =
          "The erasure is recorded (UserErased is out, the other services act on it) but not every"
              + " step here finished; the same request again finishes it (Retry-After).")
  public ResponseEntity<?> eraseUser(ConnectClient client, @PathVariable String externalUserId) {
    if (!externalUserId.matches(EXTERNAL_USER_ID)) {
      return invalid("externalUserId", ConnectTokenVerifier.EXTERNAL_USER_ID_RULE);
    }
    return switch (erasure.erase(client, externalUserId)) {
      case ERASED -> ResponseEntity.accepted().build();
      case UNKNOWN -> ResponseEntity.noContent().build();
    };
  }

  @ExceptionHandler(ConnectLogins.RecentlyErasedException.class)
  ResponseEntity<?> recentlyErased() {
    return Problems.response(
        HttpStatus.GONE,
        "user-erased",
        "This user was erased moments ago; for a few minutes no new user is made for the id.");
  }

  private static ResponseEntity<?> invalid(String field, String message) {
    return Problems.response(
        HttpStatus.BAD_REQUEST,
        "validation-failed",
        "The request is not valid.",
        Map.of("errors", Map.of(field, message)));
  }

  static ClientSignals signals(Client client) {
    if (client == null) {
      return new ClientSignals(false, Map.of(), null, Map.of());
    }
    Map<String, Boolean> capabilities = new HashMap<>();
    if (client.capabilities() != null) {
      client.capabilities().forEach((k, v) -> capabilities.put(k, Boolean.TRUE.equals(v)));
    }
    String userAgent =
        client.userAgent() == null || client.userAgent().isBlank()
            ? null
            : client.userAgent().strip();
    return new ClientSignals(
        Boolean.TRUE.equals(client.autofilled()),
        capabilities,
        userAgent,
        ClientHints.merge(Map.of(), client.hints() == null ? Map.of() : client.hints()));
  }
}
