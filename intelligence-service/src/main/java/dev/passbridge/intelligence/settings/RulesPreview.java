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
import dev.passbridge.intelligence.rules.Version;
import io.swagger.v3.oas.annotations.media.Schema;
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
   * @param at the decision's time; absent: now (every instant of a request lies between {@link
   *     #EARLIEST} and {@link #LATEST})
   */
  @Schema(name = "RulesPreviewRequest")
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
   *     conditionalCreate} and {@code passkeyPlatformAuthenticator} true; a capability left out is
   *     false, one that is {@code null} is refused
   * @param secondFactor how the second factor ended; absent: {@code PASSED}
   */
  @Schema(name = "RulesPreviewLogin")
  public record Login(
      Platform platform,
      @Nullable Boolean autofilled,
      @Nullable Map<String, Boolean> capabilities,
      @Nullable SecondFactorOutcome secondFactor) {}

  /**
   * The user's history as the profile would hold it.
   *
   * @param passkeys passkeys the user has (no {@code null} element)
   * @param passkeyOnThisPlatform the authenticator of this platform answered {@code
   *     InvalidStateError} before
   * @param notAllowedAt the last {@code NotAllowedError} on this platform
   * @param promptsInEpisode prompts since the count last started (0 or more)
   * @param lastPromptAt the last prompt
   * @param lastDismissedAt the last "Not now"
   */
  @Schema(name = "RulesPreviewHistory")
  public record History(
      @Nullable List<Passkey> passkeys,
      @Nullable Boolean passkeyOnThisPlatform,
      @Nullable Instant notAllowedAt,
      @Nullable Integer promptsInEpisode,
      @Nullable Instant lastPromptAt,
      @Nullable Instant lastDismissedAt) {}

  /**
   * A passkey of the sample user: provider name (required) and the platform label it was created
   * on.
   */
  @Schema(name = "RulesPreviewPasskey")
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
  @Schema(
      name = "RulesPreviewResult",
      requiredProperties = {"outcome", "mode", "reason", "bucket", "rollout", "platform", "trace"})
  public record Result(
      String outcome,
      @Schema(nullable = true) @Nullable String mode,
      @Schema(nullable = true) @Nullable String reason,
      int bucket,
      Map<String, Object> rollout,
      String platform,
      List<RuleResult> trace) {}

  /**
   * Reads a request strictly (like a rules document: no unknown fields, no coercion) and refuses,
   * naming the field, what the decision could not take: a {@code null} inside a list or for a
   * capability, a passkey without provider, a negative prompt count, an instant out of range.
   * Jackson's own messages, which name Java types, never reach the answer ({@link
   * RulesDocument#refusal}).
   *
   * @param inForce the rules when the request proposes none
   */
  public static Result run(String body, RulesConfig inForce, Validator validator, Instant now)
      throws RulesDocument.Refused {
    if (body == null || body.isBlank()) {
      throw new RulesDocument.Refused(null, "the body is empty");
    }
    Request request;
    try {
      request = RulesDocument.strict().readValue(body, Request.class);
    } catch (JacksonException e) {
      throw RulesDocument.refusal(e);
    }
    if (request == null || request.login() == null) {
      throw new RulesDocument.Refused("login", "is required");
    }
    if (request.login().platform() == null) {
      throw new RulesDocument.Refused("login.platform", "is required");
    }
    check("at", request.at());
    check(request.login());
    check(request.history());
    RulesConfig rules =
        request.rules() == null
            ? inForce
            : RulesDocument.readNested(request.rules(), "rules", validator);
    return decide(request, rules, now);
  }

  /**
   * What the records take but the decision cannot: a {@code null} capability (the browser answers
   * true or false; leave a capability out for false), a {@code null} passkey or one without its
   * provider, a negative prompt count.
   */
  private static void check(Login login) throws RulesDocument.Refused {
    // a version the rules cannot read would be judged as unknown without a word: the preview of a
    // typo is not the preview of the version meant
    checkVersion("login.platform.osVersion", login.platform().osVersion());
    checkVersion("login.platform.browserVersion", login.platform().browserVersion());
    if (login.capabilities() != null) {
      for (Map.Entry<String, Boolean> capability : login.capabilities().entrySet()) {
        if (capability.getValue() == null) {
          throw new RulesDocument.Refused(
              "login.capabilities." + abbreviate(capability.getKey()),
              "must be true or false (leave a capability out for false)");
        }
      }
    }
  }

  private static void check(@Nullable History history) throws RulesDocument.Refused {
    if (history == null) {
      return;
    }
    List<Passkey> passkeys = history.passkeys() == null ? List.of() : history.passkeys();
    for (int i = 0; i < passkeys.size(); i++) {
      Passkey passkey = passkeys.get(i);
      if (passkey == null) {
        throw new RulesDocument.Refused(
            "history.passkeys[" + i + "]", "must be a passkey object, not null");
      }
      if (passkey.provider() == null) {
        throw new RulesDocument.Refused("history.passkeys[" + i + "].provider", "is required");
      }
      check("history.passkeys[" + i + "].createdAt", passkey.createdAt());
    }
    check("history.notAllowedAt", history.notAllowedAt());
    check("history.lastPromptAt", history.lastPromptAt());
    check("history.lastDismissedAt", history.lastDismissedAt());
    if (history.promptsInEpisode() != null && history.promptsInEpisode() < 0) {
      throw new RulesDocument.Refused("history.promptsInEpisode", "must be 0 or more");
    }
  }

  /**
   * Earliest and latest instant a request may name: the rules add and subtract cooldowns of up to
   * ten years, which past {@link Instant#MIN} or {@link Instant#MAX} cannot be computed.
   */
  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private static void checkVersion(String field, @Nullable String version)
      throws RulesDocument.Refused {
    if (version != null && !version.isBlank() && Version.parse(version).isEmpty()) {
      throw new RulesDocument.Refused(
          field,
          "must be a version such as 18 or 136.0.7103 (digits separated by dots), or left out for"
              + " an unknown version");
    }
  }

  private static void check(String field, @Nullable Instant instant) throws RulesDocument.Refused {
    if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
      throw new RulesDocument.Refused(field, "must be between " + EARLIEST + " and " + LATEST);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 100 ? s.substring(0, 100) : s;
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
