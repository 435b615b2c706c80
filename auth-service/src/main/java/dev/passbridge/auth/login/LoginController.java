package dev.passbridge.auth.login;

import dev.passbridge.auth.login.device.ClientHints;
import dev.passbridge.contracts.events.ClientSignals;
import dev.passbridge.contracts.ids.LoginBinding;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/auth/login}: the password step (docs/architecture.md §4). */
@RestController
public class LoginController {
  static final int MAX_USER_AGENT = 512;

  /** The device cookie: marks a browser that passed the password step for an account before. */
  public static final String DEVICE_COOKIE = "pb_device";

  /**
   * The retry cookie: set with a 503 whose login may still be announced, so that this browser's
   * next attempt resumes that login instead of starting another ({@link
   * LoginOutcome.NotAnnounced}).
   */
  public static final String RETRY_COOKIE = "pb_login_retry";

  private final PasswordLogin login;
  private final MeterRegistry meters;
  private final Duration deviceTtl;
  private final Duration transactionTtl;

  public LoginController(PasswordLogin login, MeterRegistry meters, LoginProperties properties) {
    this.login = login;
    this.meters = meters;
    this.deviceTtl = properties.deviceTtl();
    this.transactionTtl = properties.transactionTtl();
  }

  public record LoginRequest(
      @NotBlank @Size(max = 256) String username,
      @NotNull @Size(min = 1, max = 1024) String password,
      @Valid Client client) {
    @Override
    public String toString() {
      return "LoginRequest[]";
    }
  }

  /**
   * @param autofilled the password field matched {@code :autofill} at submit and saw no typing
   * @param capabilities {@code PublicKeyCredential.getClientCapabilities()}
   * @param hints {@code navigator.userAgentData.getHighEntropyValues(...)} (or header-named hints)
   */
  @Schema(name = "LoginClient")
  public record Client(
      Boolean autofilled,
      @Size(max = 32) Map<@NotBlank @Size(max = 64) String, Boolean> capabilities,
      @Size(max = 32) Map<@NotBlank @Size(max = 64) String, Object> hints) {}

  @Schema(requiredProperties = {"channel", "maskedDestination", "expiresAt"})
  public record OtpInfo(String channel, String maskedDestination, Instant expiresAt) {}

  @Schema(requiredProperties = {"loginId", "next", "otp"})
  public record LoginResponse(String loginId, String next, OtpInfo otp) {}

  @PostMapping("/api/auth/login")
  @ApiResponse(
      responseCode = "200",
      description =
          "The password is right; the second factor is next (sets the pb_device cookie, and the"
              + " pb_login cookie that binds the login to this browser for POST /api/auth/session).",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = LoginResponse.class)))
  @ProblemResponse(
      status = 401,
      code = "invalid-credentials",
      description = "The username or the password is not correct (one answer for both).")
  @ProblemResponse(
      status = 429,
      code = "too-many-attempts",
      description = "A login limit of this client, username or address; retry after Retry-After.")
  @ProblemResponse(
      status = 503,
      code = {"service-busy", "service-unavailable"},
      description =
          "Password hashing is saturated, or a backing service is unavailable; retry after"
              + " Retry-After. When the password was right but the login could not be announced,"
              + " the answer sets pb_device and pb_login_retry: the retry resumes that login.")
  public ResponseEntity<?> login(
      @Valid @RequestBody LoginRequest body, HttpServletRequest request) {
    LoginAttempt attempt =
        new LoginAttempt(
            body.username(),
            body.password(),
            clientAddress(request),
            signals(body, request),
            cookie(request, DEVICE_COOKIE),
            cookie(request, RETRY_COOKIE));
    long started = System.nanoTime();
    LoginOutcome outcome = login.attempt(attempt);
    Timer.builder("passbridge.auth.login")
        .description("password logins by outcome (Argon2id verification included)")
        .tag("outcome", outcomeTag(outcome))
        .register(meters)
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    return switch (outcome) {
      case LoginOutcome.SecondFactorRequired ok ->
          ResponseEntity.ok()
              .header(HttpHeaders.CACHE_CONTROL, "no-store")
              .header(HttpHeaders.SET_COOKIE, deviceCookie(ok.deviceToken()))
              .header(HttpHeaders.SET_COOKIE, bindingCookie(ok.bindingToken()))
              .headers(
                  h -> {
                    if (attempt.retryToken() != null) {
                      h.add(HttpHeaders.SET_COOKIE, loginCookie(RETRY_COOKIE, "", Duration.ZERO));
                    }
                  })
              .body(
                  new LoginResponse(
                      ok.loginId(),
                      "OTP",
                      new OtpInfo(ok.channel(), ok.maskedDestination(), ok.expiresAt())));
      case LoginOutcome.InvalidCredentials ignored ->
          Problems.response(
              HttpStatus.UNAUTHORIZED,
              "invalid-credentials",
              "The username or the password is not correct.");
      case LoginOutcome.NotAnnounced held -> {
        ResponseEntity<ProblemDetail> problem =
            Problems.retryAfter(
                HttpStatus.SERVICE_UNAVAILABLE,
                "service-unavailable",
                "A backing service is unavailable; retry shortly.",
                Duration.ofSeconds(1));
        yield ResponseEntity.status(problem.getStatusCode())
            .headers(problem.getHeaders())
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .header(HttpHeaders.SET_COOKIE, deviceCookie(held.deviceToken()))
            .header(
                HttpHeaders.SET_COOKIE,
                loginCookie(RETRY_COOKIE, held.retryToken(), held.retryWindow()))
            .body(problem.getBody());
      }
      case LoginOutcome.Throttled throttled ->
          Problems.retryAfter(
              HttpStatus.TOO_MANY_REQUESTS,
              "too-many-attempts",
              "Too many login attempts; try again later.",
              throttled.retryAfter());
    };
  }

  /**
   * The client's address for the login limits: the one place that decides it (today the servlet's
   * remote address, which Tomcat's {@code RemoteIpValve} takes from {@code X-Forwarded-For} when
   * the peer is a trusted proxy).
   */
  static String clientAddress(HttpServletRequest request) {
    return request.getRemoteAddr();
  }

  /** A cookie's value, or {@code null}; its format is checked later. */
  static String cookie(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie cookie : cookies) {
      if (name.equals(cookie.getName())) {
        return cookie.getValue();
      }
    }
    return null;
  }

  private String deviceCookie(String token) {
    return loginCookie(DEVICE_COOKIE, token, deviceTtl);
  }

  /** The login's browser binding, sent only to the session exchange ({@link LoginBinding}). */
  private String bindingCookie(String token) {
    return cookie(LoginBinding.COOKIE, token, LoginBinding.PATH, transactionTtl);
  }

  /** A cookie only this endpoint reads: HttpOnly, Secure, SameSite=Strict. */
  private static String loginCookie(String name, String value, Duration maxAge) {
    return cookie(name, value, "/api/auth/login", maxAge);
  }

  /** HttpOnly, Secure, SameSite=Strict, for one path. */
  public static String cookie(String name, String value, String path, Duration maxAge) {
    return ResponseCookie.from(name, value)
        .httpOnly(true)
        .secure(true)
        .sameSite("Strict")
        .path(path)
        .maxAge(maxAge)
        .build()
        .toString();
  }

  private static String outcomeTag(LoginOutcome outcome) {
    return switch (outcome) {
      case LoginOutcome.SecondFactorRequired s -> "second_factor_required";
      case LoginOutcome.InvalidCredentials i -> "invalid_credentials";
      case LoginOutcome.Throttled t -> "throttled";
      case LoginOutcome.NotAnnounced n -> "not_announced";
    };
  }

  static ClientSignals signals(LoginRequest body, HttpServletRequest request) {
    Client client = body.client() == null ? new Client(false, Map.of(), Map.of()) : body.client();
    Map<String, Boolean> capabilities = new HashMap<>();
    if (client.capabilities() != null) {
      client.capabilities().forEach((k, v) -> capabilities.put(k, Boolean.TRUE.equals(v)));
    }
    Map<String, String> headerHints = new HashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      if (name.regionMatches(true, 0, "sec-ch-ua", 0, 9)) {
        headerHints.put(name, request.getHeader(name));
      }
    }
    return new ClientSignals(
        Boolean.TRUE.equals(client.autofilled()),
        capabilities,
        userAgent(request.getHeader(HttpHeaders.USER_AGENT)),
        ClientHints.merge(headerHints, client.hints()));
  }

  static String userAgent(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String ua = header.strip();
    return ua.length() > MAX_USER_AGENT ? ua.substring(0, MAX_USER_AGENT) : ua;
  }
}
