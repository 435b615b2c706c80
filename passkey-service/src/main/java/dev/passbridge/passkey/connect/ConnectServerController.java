package dev.passbridge.passkey.connect;

import dev.passbridge.passkey.credentials.PasskeyCredentials;
import dev.passbridge.passkey.credentials.StoredCredential;
import dev.passbridge.passkey.loginresult.LoginResult;
import dev.passbridge.passkey.loginresult.LoginResultCheck;
import dev.passbridge.passkey.loginresult.LoginResultRedemptions;
import dev.passbridge.passkey.loginresult.LoginResults;
import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.core.connect.ConnectTokenVerifier;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The server API of Connect mode on passkey-service, called with {@code Authorization: Basic}
 * client credentials (the {@link ConnectClient} parameter, resolved first: 401 {@code
 * invalid-client}, 429 {@code quota-exceeded}). Login results: a valid result for the calling
 * client is redeemed exactly once (200); any invalid one (malformed, forged, expired, too
 * long-lived, for another client) is 400 {@code invalid-login-result} and is not marked used; a
 * second redemption is 409 {@code login-result-used}. Passkeys: a user is named by the tenant's own
 * id; a user without passkeys lists as {@code []}, a passkey that is not theirs is 404.
 */
@RestController
@RequestMapping("/connect/v1")
public class ConnectServerController {
  private static final Logger log = LoggerFactory.getLogger(ConnectServerController.class);
  static final String EXTERNAL_USER_ID = ConnectTokenVerifier.EXTERNAL_USER_ID_REGEX;

  private final LoginResults results;
  private final LoginResultRedemptions redemptions;
  private final PasskeyCredentials credentials;
  private final Clock clock;

  public ConnectServerController(
      LoginResults results,
      LoginResultRedemptions redemptions,
      PasskeyCredentials credentials,
      Clock clock) {
    this.results = results;
    this.redemptions = redemptions;
    this.credentials = credentials;
    this.clock = clock;
  }

  /** Without a {@code loginResult} (or a body) the answer is 400 {@code invalid-login-result}. */
  @Schema(name = "LoginResultVerifyRequest", requiredProperties = "loginResult")
  public record VerifyRequest(String loginResult) {}

  /**
   * @param authenticatedAt when the passkey login happened ({@code iat})
   */
  @Schema(requiredProperties = {"externalUserId", "credentialId", "authenticatedAt", "amr"})
  public record VerifiedLogin(
      String externalUserId, String credentialId, Instant authenticatedAt, List<String> amr) {}

  /** A passkey as the platform's backend sees it. */
  public record ConnectPasskey(
      String id,
      String name,
      String provider,
      Instant createdAt,
      Instant lastUsedAt,
      boolean synced) {
    static ConnectPasskey of(StoredCredential c) {
      return new ConnectPasskey(
          c.credentialId(),
          c.name(),
          c.providerName(),
          c.createdAt(),
          c.lastUsedAt(),
          c.backupState());
    }
  }

  @PostMapping("/login-results/verify")
  @ProblemResponse(
      status = 400,
      code = {"invalid-login-result", "malformed-request"},
      description =
          "The login result is not valid for this client (nothing is redeemed), or its passkey"
              + " was deleted since (the result is used up).")
  @ProblemResponse(
      status = 409,
      code = "login-result-used",
      description =
          "The login result was redeemed already (also after a refusal because its passkey was"
              + " deleted).")
  public VerifiedLogin verify(
      ConnectClient client, @RequestBody(required = false) VerifyRequest request) {
    String token = request == null ? null : request.loginResult();
    LoginResult result =
        switch (results.verify(token, client.clientId())) {
          case LoginResultCheck.Valid valid -> valid.result();
          case LoginResultCheck.Invalid invalid -> {
            log.info("login result refused for client {}: {}", client.clientId(), invalid.reason());
            throw new ProblemException(
                HttpStatus.BAD_REQUEST,
                "invalid-login-result",
                "This login result is not valid for this client.");
          }
        };
    Duration keep = Duration.between(clock.instant(), result.expiresAt()).plusMinutes(1);
    if (!redemptions.redeem(result.resultId(), keep)) {
      log.warn(
          "login result {} of client {} presented again", result.resultId(), client.clientId());
      throw new ProblemException(
          HttpStatus.CONFLICT, "login-result-used", "This login result was used already.");
    }
    // The passkey must still exist when the result is redeemed: a passkey deleted since the login
    // (a support desk removing a lost device's passkey, say) leaves no result of it good. The check
    // comes after the redemption, so no delete can slip in between the two; a delete after it is
    // a delete after the login. A result refused here stays used up.
    if (!passkeyStillThere(result, client)) {
      log.info(
          "login result {} of client {} refused: passkey {} deleted",
          result.resultId(),
          client.clientId(),
          result.credentialId());
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "invalid-login-result",
          "This login result's passkey no longer exists.");
    }
    log.info(
        "login result {} redeemed by client {} for passkey {}",
        result.resultId(),
        client.clientId(),
        result.credentialId());
    return new VerifiedLogin(
        result.externalUserId(), result.credentialId(), result.authenticatedAt(), result.amr());
  }

  /**
   * Whether the result's passkey is still stored for the client's tenant. When the store cannot
   * answer, the redemption is given back before the failure goes on (a 503), so the backend's retry
   * can still redeem the result.
   */
  private boolean passkeyStillThere(LoginResult result, ConnectClient client) {
    try {
      return credentials
          .find(result.credentialId())
          .filter(c -> c.ownedByTenant(client.tenant()))
          .isPresent();
    } catch (RuntimeException e) {
      try {
        redemptions.release(result.resultId());
      } catch (RuntimeException releaseFailed) {
        e.addSuppressed(
            releaseFailed); // the result stays used up; the store's failure is the answer
      }
      throw e;
    }
  }

  @GetMapping("/users/{externalUserId}/passkeys")
  public List<ConnectPasskey> passkeys(ConnectClient client, @PathVariable String externalUserId) {
    requireExternalUserId(externalUserId);
    return credentials.listOfExternalUser(client.tenant(), externalUserId).stream()
        .map(ConnectPasskey::of)
        .toList();
  }

  @DeleteMapping("/users/{externalUserId}/passkeys/{credentialId}")
  @ApiResponse(responseCode = "204", description = "The passkey is deleted.", content = @Content)
  @ProblemResponse(
      status = 404,
      code = "passkey-not-found",
      description = "This user has no passkey with this id.")
  public ResponseEntity<Void> delete(
      ConnectClient client,
      @PathVariable String externalUserId,
      @PathVariable String credentialId) {
    requireExternalUserId(externalUserId);
    if (!credentials.deleteOfExternalUser(
        client.clientId(), client.tenant(), externalUserId, credentialId)) {
      throw new ProblemException(
          HttpStatus.NOT_FOUND, "passkey-not-found", "This user has no passkey with this id.");
    }
    // not the external user id: a platform's id may be an e-mail address or a phone number
    log.info(
        "passkey {} of a {} user deleted by client {}",
        credentialId,
        client.tenant(),
        client.clientId());
    return ResponseEntity.noContent().build();
  }

  private static void requireExternalUserId(String externalUserId) {
    if (!externalUserId.matches(EXTERNAL_USER_ID)) {
      throw ProblemException.invalidField(
          "externalUserId", ConnectTokenVerifier.EXTERNAL_USER_ID_RULE);
    }
  }
}
