package dev.passbridge.auth.erasure;

import dev.passbridge.auth.session.AuthSessionProperties;
import dev.passbridge.platform.core.session.Session;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.session.CurrentSession;
import dev.passbridge.platform.session.SessionProperties;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/me}: the signed-in user deletes their own account ({@link AccountErasure}). It
 * asks for a recent sign-in: a session whose sign-in ({@code iat}; sessions are never renewed) is
 * older than {@code passbridge.auth.session.recent-sign-in} (10 minutes) is refused with 403 {@code
 * reauthentication-required} and nothing changes, so a session left open on a shared computer, or a
 * stolen cookie, cannot destroy the account; the page sends the user to sign in again (password and
 * code, or a passkey) and the new session may. The page also makes the user type their username
 * first (docs/services/auth-service.md, "Deleting an account").
 */
@RestController
public class AccountErasureController {
  private final AccountErasure erasure;
  private final SessionProperties platformSessions;
  private final AuthSessionProperties sessions;

  public AccountErasureController(
      AccountErasure erasure, SessionProperties platformSessions, AuthSessionProperties sessions) {
    this.erasure = erasure;
    this.platformSessions = platformSessions;
    this.sessions = sessions;
  }

  @DeleteMapping("/api/me")
  @ApiResponse(
      responseCode = "202",
      description =
          "The account is erased and every session of it ended (the session cookie is cleared);"
              + " its passkeys and profile go within seconds, as the other services read"
              + " UserErased. The username is free again.",
      content = @Content)
  @ProblemResponse(
      status = 403,
      code = "reauthentication-required",
      description =
          "The session's sign-in is older than passbridge.auth.session.recent-sign-in (10"
              + " minutes): nothing was changed; sign in again, then send the request again.")
  @ProblemResponse(
      status = 503,
      code = "erasure-incomplete",
      description =
          "The erasure is recorded (UserErased is out, the other services act on it) but not every"
              + " step here finished; the same request again finishes it (Retry-After).")
  public ResponseEntity<Void> erase(@CurrentSession Session session) {
    erasure.erase(session.userId(), session.sessionId(), session.issuedAt(), session.expiresAt());
    return ResponseEntity.accepted()
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header(
            HttpHeaders.SET_COOKIE,
            ResponseCookie.from(platformSessions.cookieName(), "")
                .httpOnly(true)
                .secure(sessions.cookieSecure())
                .sameSite("Strict")
                .path("/")
                .maxAge(0)
                .build()
                .toString())
        .build();
  }
}
