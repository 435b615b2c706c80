package dev.passbridge.auth.session;

import dev.passbridge.auth.login.LoginController;
import dev.passbridge.auth.session.internal.LoginCompletionWaits;
import dev.passbridge.contracts.ids.LoginBinding;
import dev.passbridge.contracts.ids.LoginId;
import dev.passbridge.platform.core.session.SessionVerifier;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.session.SessionCookies;
import dev.passbridge.platform.session.SessionProperties;
import dev.passbridge.platform.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code POST /api/auth/session} (login → session cookie, after a bounded wait for the login's
 * completion) and {@code POST /api/auth/logout}.
 */
@RestController
public class SessionController {
  private static final Duration ASYNC_MARGIN = Duration.ofSeconds(10);

  private final LoginCompletionWaits waits;
  private final SessionRevocations revocations;
  private final SessionVerifier verifier;
  private final SessionProperties platformSessions;
  private final AuthSessionProperties sessions;
  private final Clock clock;
  private final MeterRegistry meters;

  public SessionController(
      LoginCompletionWaits waits,
      SessionRevocations revocations,
      SessionVerifier verifier,
      SessionProperties platformSessions,
      AuthSessionProperties sessions,
      Clock clock,
      MeterRegistry meters) {
    this.waits = waits;
    this.revocations = revocations;
    this.verifier = verifier;
    this.platformSessions = platformSessions;
    this.sessions = sessions;
    this.clock = clock;
    this.meters = meters;
  }

  public record SessionRequest(@NotBlank @Pattern(regexp = LoginId.PATTERN) String loginId) {}

  @Schema(requiredProperties = {"userId", "username", "displayName", "amr", "expiresAt"})
  public record SessionResponse(
      UUID userId, String username, String displayName, List<String> amr, Instant expiresAt) {}

  @PostMapping("/api/auth/session")
  @ApiResponse(
      responseCode = "200",
      description = "The login is complete; the session cookie is set.",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = SessionResponse.class)))
  @ProblemResponse(
      status = 409,
      code = {"login-not-completed", "login-already-used"},
      description =
          "The second factor is not confirmed yet (retry after Retry-After), or a session was"
              + " issued for this login already.")
  @ProblemResponse(
      status = 403,
      code = "login-started-elsewhere",
      description =
          "The login is bound to the browser that passed its password step (the pb_login cookie)"
              + " and this request does not present that binding: log in again here.")
  @ProblemResponse(
      status = 410,
      code = {"login-locked", "login-expired"},
      description =
          "The login's code was locked, or the login is unknown or expired: log in again.")
  public DeferredResult<ResponseEntity<?>> session(
      @Valid @RequestBody SessionRequest body,
      @Parameter(hidden = true) @CookieValue(name = LoginBinding.COOKIE, required = false)
          String binding) {
    Duration wait = sessions.exchangeWait();
    var deferred = new DeferredResult<ResponseEntity<?>>(wait.plus(ASYNC_MARGIN).toMillis());
    deferred.onTimeout(
        () ->
            deferred.setResult(
                Problems.retryAfter(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "service-unavailable",
                    "The session could not be issued in time; retry shortly.",
                    Duration.ofSeconds(1))));
    long started = System.nanoTime();
    waits
        .exchangeWhenCompleted(body.loginId(), LoginBinding.digest(binding), wait)
        .whenComplete(
            (result, error) -> {
              Timer.builder("passbridge.auth.session.exchange")
                  .description("POST /api/auth/session, including the wait for the completion")
                  .tag("result", error != null ? "error" : resultTag(result))
                  .register(meters)
                  .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
              if (error != null) {
                deferred.setErrorResult(
                    error instanceof CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error);
              } else {
                deferred.setResult(response(result));
              }
            });
    return deferred;
  }

  private ResponseEntity<?> response(ExchangeResult result) {
    return switch (result) {
      case ExchangeResult.Issued issued -> {
        var login = issued.login();
        yield ResponseEntity.ok()
            .header(HttpHeaders.SET_COOKIE, cookie(issued.session().token(), sessions.ttl()))
            .header(
                HttpHeaders.SET_COOKIE,
                LoginController.cookie(LoginBinding.COOKIE, "", LoginBinding.PATH, Duration.ZERO))
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .body(
                new SessionResponse(
                    login.userId(),
                    login.username(),
                    login.displayName(),
                    login.amr(),
                    issued.session().expiresAt()));
      }
      case ExchangeResult.NotCompleted n ->
          Problems.retryAfter(
              HttpStatus.CONFLICT,
              "login-not-completed",
              "The second factor of this login has not been confirmed yet.",
              Duration.ofSeconds(1));
      case ExchangeResult.AlreadyUsed u ->
          Problems.response(
              HttpStatus.CONFLICT,
              "login-already-used",
              "A session was issued for this login already; log in again.");
      case ExchangeResult.Locked l ->
          Problems.response(
              HttpStatus.GONE,
              "login-locked",
              "The code of this login was locked after too many wrong tries; log in again.");
      case ExchangeResult.NotYours n ->
          Problems.response(
              HttpStatus.FORBIDDEN,
              "login-started-elsewhere",
              "This login was started in another browser, or replaced by a newer login in this one; log in again.");
      case ExchangeResult.Expired e -> expired();
      case ExchangeResult.Unknown u -> expired();
    };
  }

  private static String resultTag(ExchangeResult result) {
    return switch (result) {
      case ExchangeResult.Issued i -> "issued";
      case ExchangeResult.NotCompleted n -> "not_completed";
      case ExchangeResult.AlreadyUsed u -> "already_used";
      case ExchangeResult.Locked l -> "locked";
      case ExchangeResult.NotYours n -> "not_yours";
      case ExchangeResult.Expired e -> "expired";
      case ExchangeResult.Unknown u -> "unknown";
    };
  }

  private static ResponseEntity<?> expired() {
    return Problems.response(
        HttpStatus.GONE, "login-expired", "This login is unknown or has expired; log in again.");
  }

  @PostMapping("/api/auth/logout")
  @ApiResponse(
      responseCode = "204",
      description = "Logged out; the session cookie is cleared.",
      content = @Content)
  public ResponseEntity<Void> logout(HttpServletRequest request) {
    // an already revoked session verifies as none: logging out twice changes nothing
    verifier
        .verify(SessionCookies.token(request, platformSessions.cookieName()))
        .ifPresent(s -> revocations.revoke(s.sessionId(), s.expiresAt(), clock.instant()));
    return ResponseEntity.noContent()
        .header(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO))
        .build();
  }

  private String cookie(String value, Duration maxAge) {
    return ResponseCookie.from(platformSessions.cookieName(), value)
        .httpOnly(true)
        .secure(sessions.cookieSecure())
        .sameSite("Strict")
        .path("/")
        .maxAge(maxAge)
        .build()
        .toString();
  }
}
