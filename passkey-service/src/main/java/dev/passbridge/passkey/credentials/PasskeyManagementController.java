package dev.passbridge.passkey.credentials;

import dev.passbridge.platform.core.session.Session;
import dev.passbridge.platform.session.CurrentSession;
import dev.passbridge.platform.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Passkey management (docs/services/passkey-service.md, "HTTP API"): the session's own passkeys
 * only; anything else is a 404.
 */
@RestController
@RequestMapping("/api/passkeys")
public class PasskeyManagementController {
  private final PasskeyCredentials credentials;

  public PasskeyManagementController(PasskeyCredentials credentials) {
    this.credentials = credentials;
  }

  /**
   * @param synced BS flag: the passkey is backed up / synced; false means device-bound (or not yet
   *     backed up)
   * @param backupEligible BE flag: the provider can sync it
   */
  public record PasskeyView(
      String id,
      String name,
      String providerName,
      Instant createdAt,
      Instant lastUsedAt,
      boolean synced,
      boolean backupEligible,
      List<String> transports) {

    static PasskeyView of(StoredCredential c) {
      return new PasskeyView(
          c.credentialId(),
          c.name(),
          c.providerName(),
          c.createdAt(),
          c.lastUsedAt(),
          c.backupState(),
          c.backupEligible(),
          c.transports());
    }
  }

  public record RenameRequest(
      @NotBlank
          @Size(max = 64)
          @Pattern(regexp = "[^\\p{Cntrl}]+", message = "no control characters")
          String name) {}

  @GetMapping
  public List<PasskeyView> list(@CurrentSession Session session) {
    return credentials.list(session.userId()).stream().map(PasskeyView::of).toList();
  }

  @PatchMapping("/{id}")
  public PasskeyView rename(
      @CurrentSession Session session,
      @PathVariable String id,
      @Valid @RequestBody RenameRequest request) {
    return credentials
        .rename(session.userId(), id, request.name().strip())
        .map(PasskeyView::of)
        .orElseThrow(PasskeyManagementController::notFound);
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@CurrentSession Session session, @PathVariable String id) {
    if (!credentials.delete(session.userId(), id)) {
      throw notFound();
    }
    return ResponseEntity.noContent().build();
  }

  static ProblemException notFound() {
    return new ProblemException(
        HttpStatus.NOT_FOUND, "passkey-not-found", "You have no passkey with this id.");
  }
}
