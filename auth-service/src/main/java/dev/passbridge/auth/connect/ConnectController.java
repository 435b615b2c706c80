package dev.passbridge.auth.connect;

import dev.passbridge.auth.login.device.ClientHints;
import dev.passbridge.contracts.events.ClientSignals;
import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.core.connect.ConnectScope;
import dev.passbridge.platform.web.Problems;
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
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
  static final String EXTERNAL_USER_ID = "[A-Za-z0-9._:@-]{1,128}";

  private final ConnectLogins logins;
  private final Clock clock;

  public ConnectController(ConnectLogins logins, Clock clock) {
    this.logins = logins;
    this.clock = clock;
  }

  @Schema(name = "ConnectLoginRequest")
  public record LoginRequest(
      @NotNull @Pattern(regexp = EXTERNAL_USER_ID) String externalUserId,
      @NotBlank @Size(max = 256) String username,
      @Size(max = 256) String displayName,
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

  @Schema(name = "ConnectLoginResponse")
  public record LoginResponse(String loginId, String connectToken, long expiresIn) {}

  public record TokenRequest(
      @NotNull @Pattern(regexp = EXTERNAL_USER_ID) String externalUserId,
      @NotNull @Pattern(regexp = "manage") String scope) {}

  public record TokenResponse(String connectToken, long expiresIn) {}

  @PostMapping("/connect/v1/logins")
  @ApiResponse(
      responseCode = "201",
      description = "The login is reported; an append token for the platform's page.",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = LoginResponse.class)))
  public ResponseEntity<?> reportLogin(
      ConnectClient client, @Valid @RequestBody LoginRequest body) {
    Instant now = clock.instant();
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
    ConnectLogins.Issued issued =
        logins.reportLogin(
            client,
            new ReportedLogin(
                body.externalUserId(),
                body.username().strip(),
                displayName,
                second == null ? null : second.channel(),
                second == null ? null : second.verifiedAt(),
                signals(body.client())));
    return ResponseEntity.status(HttpStatus.CREATED)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(
            new LoginResponse(
                issued.loginId(), issued.connectToken(), issued.expiresIn().toSeconds()));
  }

  @PostMapping("/connect/v1/tokens")
  @ApiResponse(
      responseCode = "201",
      description = "A manage token for the user.",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = TokenResponse.class)))
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
