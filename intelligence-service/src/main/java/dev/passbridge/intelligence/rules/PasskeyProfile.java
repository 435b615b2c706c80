package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the service knows about one user's passkeys and earlier upgrade attempts, built from
 * PasskeyCreated / PasskeyDeleted / PasskeyUpgradeFailed / PasskeyAuthenticated and from its own
 * PROMPT decisions. Immutable; every change returns a new profile.
 *
 * @param passkeys registered passkeys by credential id
 * @param passkeyOnPlatform platforms (by {@link PlatformView#key}) whose authenticator answered
 *     {@code InvalidStateError}: a passkey of this RP already exists there, known to us or not
 * @param notAllowedAt last {@code NotAllowedError} per platform key ({@code *} when the platform
 *     was unknown): starts the cooldown
 * @param promptsInEpisode PROMPT decisions since the prompt count last started again
 * @param lastPromptAt when the last PROMPT decision was made
 * @param lastDismissedAt when the user last answered a prompt with "Not now"
 * @param firstPasskeyLoginAt the user's first passkey login
 * @param recentEventIds ids of the last events applied, so that a redelivered event changes nothing
 *     and is not counted twice
 * @param deletedCredentials ids of the credentials deleted last (at most {@value
 *     #REMEMBERED_DELETIONS}): {@code PasskeyCreated} and {@code PasskeyDeleted} are on different
 *     topics, whose relative order Kafka does not keep, so a passkey created and deleted moments
 *     later can arrive deletion first; its creation must not bring it back
 */
public record PasskeyProfile(
    Map<String, KnownPasskey> passkeys,
    Map<String, Instant> passkeyOnPlatform,
    Map<String, Instant> notAllowedAt,
    int promptsInEpisode,
    @Nullable Instant lastPromptAt,
    @Nullable Instant lastDismissedAt,
    @Nullable Instant firstPasskeyLoginAt,
    List<UUID> recentEventIds,
    List<String> deletedCredentials) {

  /** How many applied event ids a profile remembers. */
  public static final int REMEMBERED_EVENTS = 64;

  /** How many deleted credential ids a profile remembers. */
  public static final int REMEMBERED_DELETIONS = 16;

  /** Cooldown key for a failure whose platform is unknown: applies to every platform. */
  public static final String ANY_PLATFORM = "*";

  public PasskeyProfile {
    passkeys = passkeys == null ? Map.of() : Map.copyOf(passkeys);
    passkeyOnPlatform = passkeyOnPlatform == null ? Map.of() : Map.copyOf(passkeyOnPlatform);
    notAllowedAt = notAllowedAt == null ? Map.of() : Map.copyOf(notAllowedAt);
    recentEventIds = recentEventIds == null ? List.of() : List.copyOf(recentEventIds);
    deletedCredentials = deletedCredentials == null ? List.of() : List.copyOf(deletedCredentials);
  }

  public static PasskeyProfile empty() {
    return new PasskeyProfile(
        Map.of(), Map.of(), Map.of(), 0, null, null, null, List.of(), List.of());
  }

  /**
   * A passkey the user registered.
   *
   * @param providerName from the AAGUID, e.g. {@code iCloud Keychain}
   * @param platformLabel where it was created ({@code iOS/Safari}), when known
   */
  public record KnownPasskey(
      String providerName, @Nullable String platformLabel, Instant createdAt) {}

  public boolean hasSeen(UUID eventId) {
    return recentEventIds.contains(eventId);
  }

  public PasskeyProfile seen(UUID eventId) {
    List<UUID> ids = new ArrayList<>(recentEventIds);
    ids.add(eventId);
    while (ids.size() > REMEMBERED_EVENTS) {
      ids.removeFirst();
    }
    return new PasskeyProfile(
        passkeys,
        passkeyOnPlatform,
        notAllowedAt,
        promptsInEpisode,
        lastPromptAt,
        lastDismissedAt,
        firstPasskeyLoginAt,
        ids,
        deletedCredentials);
  }

  public PasskeyProfile withPasskey(String credentialId, KnownPasskey passkey) {
    Map<String, KnownPasskey> next = new LinkedHashMap<>(passkeys);
    next.put(credentialId, passkey);
    return new PasskeyProfile(
        next,
        passkeyOnPlatform,
        notAllowedAt,
        promptsInEpisode,
        lastPromptAt,
        lastDismissedAt,
        firstPasskeyLoginAt,
        recentEventIds,
        deletedCredentials);
  }

  /**
   * The passkey is gone; its id is remembered in case its creation arrives after this. With the
   * user's last passkey the platform marks ({@code InvalidStateError}: one of the user's passkeys
   * is on that authenticator) go too: they stood for passkeys the offer's {@code
   * excludeCredentials} named, and none is left to name, so a new offer there can succeed.
   */
  public PasskeyProfile withoutPasskey(String credentialId) {
    Map<String, KnownPasskey> next = new LinkedHashMap<>(passkeys);
    next.remove(credentialId);
    List<String> deleted = new ArrayList<>(deletedCredentials);
    if (!deleted.contains(credentialId)) {
      deleted.add(credentialId);
    }
    while (deleted.size() > REMEMBERED_DELETIONS) {
      deleted.removeFirst();
    }
    return new PasskeyProfile(
        next,
        next.isEmpty() ? Map.of() : passkeyOnPlatform,
        notAllowedAt,
        promptsInEpisode,
        lastPromptAt,
        lastDismissedAt,
        firstPasskeyLoginAt,
        recentEventIds,
        deleted);
  }

  /** Whether the credential was deleted (among the last {@value #REMEMBERED_DELETIONS}). */
  public boolean wasDeleted(String credentialId) {
    return deletedCredentials.contains(credentialId);
  }

  /**
   * Feeds an upgrade failure back: {@code NotAllowedError} starts a cooldown for the platform,
   * {@code InvalidStateError} marks a passkey on the platform's authenticator, {@code Dismissed}
   * records the "Not now". Other errors change nothing.
   *
   * @param platformKey {@link PlatformView#key} of the login's platform, or {@link #ANY_PLATFORM}
   */
  public PasskeyProfile withUpgradeFailure(String errorName, String platformKey, Instant at) {
    Map<String, Instant> onPlatform = passkeyOnPlatform;
    Map<String, Instant> notAllowed = notAllowedAt;
    Instant dismissed = lastDismissedAt;
    switch (errorName) {
      case PasskeyUpgradeFailed.NOT_ALLOWED -> notAllowed = put(notAllowedAt, platformKey, at);
      case PasskeyUpgradeFailed.INVALID_STATE ->
          onPlatform = put(passkeyOnPlatform, platformKey, at);
      case PasskeyUpgradeFailed.DISMISSED ->
          dismissed = dismissed == null || at.isAfter(dismissed) ? at : dismissed;
      default -> {
        return this;
      }
    }
    return new PasskeyProfile(
        passkeys,
        onPlatform,
        notAllowed,
        promptsInEpisode,
        lastPromptAt,
        dismissed,
        firstPasskeyLoginAt,
        recentEventIds,
        deletedCredentials);
  }

  /** Prompts that count against {@code maxPrompts} at {@code now}. */
  public int promptsCounted(Instant now, RulesConfig config) {
    if (lastPromptAt == null) {
      return 0;
    }
    boolean episodeOver =
        promptsInEpisode >= config.maxPrompts()
            && !now.isBefore(lastPromptAt.plus(config.promptCooldown()));
    return episodeOver ? 0 : promptsInEpisode;
  }

  /** A PROMPT decision was made at {@code at}. */
  public PasskeyProfile withPromptShown(Instant at, RulesConfig config) {
    return new PasskeyProfile(
        passkeys,
        passkeyOnPlatform,
        notAllowedAt,
        promptsCounted(at, config) + 1,
        at,
        lastDismissedAt,
        firstPasskeyLoginAt,
        recentEventIds,
        deletedCredentials);
  }

  public PasskeyProfile withPasskeyLogin(Instant at) {
    return new PasskeyProfile(
        passkeys,
        passkeyOnPlatform,
        notAllowedAt,
        promptsInEpisode,
        lastPromptAt,
        lastDismissedAt,
        firstPasskeyLoginAt == null ? at : firstPasskeyLoginAt,
        recentEventIds,
        deletedCredentials);
  }

  private static Map<String, Instant> put(Map<String, Instant> map, String key, Instant at) {
    Map<String, Instant> next = new LinkedHashMap<>(map);
    next.merge(key, at, (a, b) -> a.isAfter(b) ? a : b);
    return next;
  }
}
