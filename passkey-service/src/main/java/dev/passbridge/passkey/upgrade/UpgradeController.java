package dev.passbridge.passkey.upgrade;

import dev.passbridge.passkey.caller.Caller;
import dev.passbridge.passkey.caller.CurrentCaller;
import dev.passbridge.passkey.ceremony.UpgradeAction;
import dev.passbridge.passkey.ceremony.UpgradeDecision;
import dev.passbridge.passkey.webauthn.CreationOptions;
import dev.passbridge.passkey.webauthn.Outcome;
import dev.passbridge.passkey.webauthn.Rejection;
import dev.passbridge.platform.core.connect.ConnectScope;
import dev.passbridge.platform.openapi.ProblemResponse;
import dev.passbridge.platform.web.Problems;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The web app's side of the automatic upgrade (docs/services/passkey-service.md, "HTTP API"): the
 * decision wait and the browser's failure report.
 */
@RestController
@RequestMapping("/api/passkeys/upgrade")
public class UpgradeController {
  /** Runs the credential read of a served offer: one virtual thread each. */
  private static final Executor OFFER_READS =
      task -> Thread.ofVirtual().name("passkey-offer").start(task);

  private final DecisionWaiter waiter;
  private final UpgradeService upgrades;
  private final Duration wait;

  public UpgradeController(
      DecisionWaiter waiter, UpgradeService upgrades, UpgradeProperties properties) {
    this.waiter = waiter;
    this.upgrades = upgrades;
    this.wait = properties.maxWait();
  }

  /**
   * @param action what the web app should do
   * @param reason why not ({@code NONE} only): a skip reason of intelligence-service, {@code
   *     PENDING} (no decision within the wait; ask again), {@code CREATED} or {@code FAILED} (this
   *     login's ceremony is finished)
   * @param publicKey {@code PublicKeyCredentialCreationOptionsJSON}
   */
  @Schema(requiredProperties = {"action", "reason", "ceremonyId", "publicKey"})
  public record UpgradeResponse(
      UpgradeAction action,
      @Schema(nullable = true, description = "Why not: only with `NONE`, otherwise null.")
          String reason,
      @Schema(nullable = true, description = "The ceremony of an offer; null with `NONE`.")
          String ceremonyId,
      // written as anyOf [$ref, null] (PassbridgeOpenApi.nullableReferences)
      @Schema(nullable = true, description = "The offer's creation options; null with `NONE`.")
          CreationOptions publicKey) {
    static UpgradeResponse of(UpgradeDecision d) {
      return new UpgradeResponse(d.action(), d.reason(), d.ceremonyId(), d.publicKey());
    }
  }

  public record OutcomeRequest(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String ceremonyId,
      @NotBlank @Pattern(regexp = "[A-Za-z][A-Za-z0-9_-]{0,63}") String errorName) {}

  /**
   * Waits (bounded) for the decision about the caller's login (a session's, or an append token's
   * {@code sid}); never blocks a thread. An offer's {@code excludeCredentials} are read from the
   * credential store when it is served ({@link UpgradeService#offer}), on a virtual thread of its
   * own, so a slow database never holds the scheduler that polls for every waiting request.
   */
  @GetMapping
  public DeferredResult<UpgradeResponse> upgrade(
      @CurrentCaller(scope = ConnectScope.APPEND) Caller caller) {
    DeferredResult<UpgradeResponse> result = new DeferredResult<>(wait.plusSeconds(5).toMillis());
    waiter
        .await(caller.loginId(), caller.userId(), wait)
        .thenApplyAsync(decision -> decision.map(upgrades::offer), OFFER_READS)
        .whenComplete(
            (decision, error) -> {
              if (error != null) {
                result.setErrorResult(
                    error instanceof CompletionException c && c.getCause() != null
                        ? c.getCause()
                        : error);
              } else {
                result.setResult(
                    decision
                        .map(UpgradeResponse::of)
                        .orElseGet(
                            () ->
                                new UpgradeResponse(
                                    UpgradeAction.NONE, UpgradeService.PENDING, null, null)));
              }
            });
    return result;
  }

  /**
   * The browser's create() failed or the user said "Not now": 204 once {@code PasskeyUpgradeFailed}
   * is in the outbox (for a user erased since the ceremony was prepared: 204 once the ceremony is
   * closed, nothing recorded).
   */
  @PostMapping("/outcome")
  @ApiResponse(
      responseCode = "204",
      description =
          "The failure is recorded (PasskeyUpgradeFailed is in the outbox); for a user erased"
              + " since the ceremony was prepared the ceremony is closed and nothing recorded.",
      content = @Content)
  @ProblemResponse(
      status = 400,
      code = {"validation-failed", "malformed-request", "challenge-expired"},
      description =
          "The input is not valid, or the ceremony is unknown, expired, finished or not the"
              + " caller's.")
  public ResponseEntity<?> outcome(
      @CurrentCaller(scope = ConnectScope.APPEND) Caller caller,
      @Valid @RequestBody OutcomeRequest request) {
    return switch (upgrades.reportFailure(
        caller.userId(), caller.boundLoginId(), request.ceremonyId(), request.errorName())) {
      case Outcome.Ok<Void> ok -> ResponseEntity.noContent().build();
      case Outcome.Rejected<Void> r -> problem(r.rejection());
    };
  }

  /** The rejection as an RFC 9457 answer with its stable type and status. */
  private static ResponseEntity<ProblemDetail> problem(Rejection rejection) {
    return Problems.response(
        HttpStatus.valueOf(rejection.code().status()),
        rejection.code().code(),
        rejection.detail(),
        rejection.properties());
  }
}
