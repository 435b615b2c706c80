package dev.passbridge.auth.session;

import dev.passbridge.auth.accounts.UserAccounts;
import dev.passbridge.auth.passkeys.PasskeyProjection;
import dev.passbridge.platform.core.session.Session;
import dev.passbridge.platform.session.CurrentSession;
import dev.passbridge.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who the session belongs to, and whether they have a passkey. */
@RestController
public class MeController {
  private final UserAccounts accounts;
  private final PasskeyProjection passkeys;

  public MeController(UserAccounts accounts, PasskeyProjection passkeys) {
    this.accounts = accounts;
    this.passkeys = passkeys;
  }

  /**
   * {@code userHandle} (base64url, the WebAuthn user.id) lets the web app call the Signal API
   * ({@code signalAllAcceptedCredentials}, {@code signalCurrentUserDetails}) for this user.
   */
  @Schema(
      requiredProperties = {
        "userId",
        "username",
        "displayName",
        "hasPasskey",
        "roles",
        "amr",
        "userHandle"
      })
  public record Me(
      UUID userId,
      String username,
      String displayName,
      boolean hasPasskey,
      List<String> roles,
      List<String> amr,
      String userHandle) {}

  @GetMapping("/api/me")
  public ResponseEntity<Me> me(@CurrentSession Session session) {
    // a revoked (logged-out) session never gets here: @CurrentSession checks revocation
    var user = accounts.findById(session.userId()).orElseThrow(ProblemException::unauthenticated);
    return ResponseEntity.ok()
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(
            new Me(
                user.id(),
                user.username(),
                user.displayName(),
                passkeys.hasPasskey(user.id()),
                user.roles(),
                session.amr(),
                user.userHandle()));
  }
}
