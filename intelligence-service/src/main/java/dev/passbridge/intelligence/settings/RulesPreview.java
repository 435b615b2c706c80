package dev.passbridge.intelligence.settings;

import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.RuleResult;
import dev.passbridge.intelligence.rules.Decision;
import dev.passbridge.intelligence.rules.DecisionEngine;
import dev.passbridge.intelligence.rules.DecisionInput;
import dev.passbridge.intelligence.rules.LoginFacts;
import dev.passbridge.intelligence.rules.PasskeyProfile;
import dev.passbridge.intelligence.rules.PlatformView;
import dev.passbridge.intelligence.rules.Rollout;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.intelligence.rules.SecondFactorOutcome;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What rules would decide for one login on a chosen platform with a chosen history, before they are
 * saved ({@code POST /api/insights/rules/preview}). The same engine as the stream; nothing is
 * stored or sent.
 */
public final class RulesPreview {
  private RulesPreview() {}

  /** A sample user for the rollout bucket when the request names none. */
  public static final UUID SAMPLE_USER = UUID.fromString("00000000-0000-4000-8000-000000000001");

  /**
   * The request.
   *
   * @param rules the proposed rules; absent: the rules in force
   * @param userId whose rollout bucket to use; absent: {@link #SAMPLE_USER}
   * @param at the decision's time; absent: now
   */
  public record Request(
      @Nullable JsonNode rules,
      @Nullable UUID userId,
      @Nullable Instant at,
      Login login,
      @Nullable History history) {}

  /**
   * The login.
   *
   * @param capabilities the browser's {@code getClientCapabilities()}; absent: {@code
   *     conditionalCreate} and {@code passkeyPlatformAuthenticator} true
   * @param secondFactor how the second factor ended; absent: {@code PASSED}
   */
  public record Login(
      Platform platform,
      @Nullable Boolean autofilled,
      @Nullable Map<String, Boolean> capabilities,
      @Nullable SecondFactorOutcome secondFactor) {}

  /**
   * The user's history as the profile would hold it.
   *
   * @param passkeys passkeys the user has
   * @param passkeyOnThisPlatform the authenticator of this platform answered {@code
   *     InvalidStateError} before
   * @param notAllowedAt the last {@code NotAllowedError} on this platform
   * @param promptsInEpisode prompts since the count last started
   * @param lastPromptAt the last prompt
   * @param lastDismissedAt the last "Not now"
   */
  public record History(
      @Nullable List<Passkey> passkeys,
      @Nullable Boolean passkeyOnThisPlatform,
      @Nullable Instant notAllowedAt,
      @Nullable Integer promptsInEpisode,
      @Nullable Instant lastPromptAt,
      @Nullable Instant lastDismissedAt) {}

  /** A passkey of the sample user: provider name and the platform label it was created on. */
  public record Passkey(String provider, @Nullable String platform, @Nullable Instant createdAt) {}

  /**
   * The answer.
   *
   * @param outcome {@code CONDITIONAL}, {@code PROMPT} or the skip reason
   * @param mode the mode when eligible
   * @param reason the skip reason when skipped
   * @param bucket the user's rollout bucket (0–99)
   * @param rollout the platform's rollout: {@code percent} and {@code conditionalPercent}
   * @param trace every rule run, in order
   */
  public record Result(
      String outcome,
      @Nullable String mode,
      @Nullable String reason,
      int bucket,
      Map<String, Object> rollout,
      String platform,
      List<RuleResult> trace) {}

  /**
   * Reads a request strictly (like a rules document: no unknown fields, no coercion).
   *
   * @param inForce the rules when the request proposes none
   */
  public static Result run(String body, RulesConfig inForce, Validator validator, Instant now)
      throws RulesDocument.Refused {
    Request request;
    try {
      request = RulesDocument.strict().readValue(body == null ? "" : body, Request.class);
    } catch (JacksonException e) {
      throw RulesDocument.refusal(e);
    }
    if (request == null || request.login() == null) {
      throw new RulesDocument.Refused("login", "is required");
    }
    if (request.login().platform() == null) {
      throw new RulesDocument.Refused("login.platform", "is required");
    }
    RulesConfig rules =
        request.rules() == null
            ? inForce
            : RulesDocument.readNested(request.rules(), "rules", validator);
    return decide(request, rules, now);
  }

  static Result decide(Request request, RulesConfig rules, Instant now) {
    Instant at = request.at() == null ? now : request.at();
    UUID user = request.userId() == null ? SAMPLE_USER : request.userId();
    Login login = request.login();
    Platform platform = login.platform();
    Map<String, Boolean> capabilities =
        login.capabilities() != null
            ? login.capabilities()
            : Map.of(
                LoginFacts.CONDITIONAL_CREATE,
                true,
                LoginFacts.PASSKEY_PLATFORM_AUTHENTICATOR,
                true);
    LoginFacts facts =
        new LoginFacts(
            user,
            "preview",
            login.secondFactor() == null ? SecondFactorOutcome.PASSED : login.secondFactor(),
            login.autofilled() == null || login.autofilled(),
            capabilities,
            platform);
    Decision decision =
        DecisionEngine.standard()
            .decide(new DecisionInput(facts, profile(request.history(), platform, at), at), rules);
    PlatformView view = PlatformView.of(platform, rules);
    RulesConfig.PlatformRollout rollout = rules.rolloutFor(view);
    Map<String, Object> rolloutView = new LinkedHashMap<>();
    rolloutView.put("row", rollout.label());
    rolloutView.put("percent", rollout.percent());
    rolloutView.put("conditionalPercent", rollout.conditionalPercent());
    return new Result(
        decision.outcome(),
        decision instanceof Decision.Eligible e ? e.mode().name() : null,
        decision instanceof Decision.Skipped s ? s.reason() : null,
        Rollout.bucket(user, rules.rolloutSalt()),
        rolloutView,
        view.describe(),
        decision.trace());
  }

  private static PasskeyProfile profile(@Nullable History history, Platform platform, Instant at) {
    PasskeyProfile profile = PasskeyProfile.empty();
    if (history == null) {
      return profile;
    }
    String key = PlatformView.key(platform);
    Map<String, PasskeyProfile.KnownPasskey> passkeys = new LinkedHashMap<>();
    List<Passkey> listed = history.passkeys() == null ? List.of() : history.passkeys();
    for (int i = 0; i < listed.size(); i++) {
      Passkey p = listed.get(i);
      passkeys.put(
          "preview-" + i,
          new PasskeyProfile.KnownPasskey(
              p.provider(), p.platform(), p.createdAt() == null ? at : p.createdAt()));
    }
    return new PasskeyProfile(
        passkeys,
        Boolean.TRUE.equals(history.passkeyOnThisPlatform()) ? Map.of(key, at) : Map.of(),
        history.notAllowedAt() == null ? Map.of() : Map.of(key, history.notAllowedAt()),
        history.promptsInEpisode() == null ? 0 : history.promptsInEpisode(),
        history.lastPromptAt(),
        history.lastDismissedAt(),
        null,
        List.of(),
        List.of());
  }
}
