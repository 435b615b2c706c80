package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.intelligence.IntelligenceJson;
import dev.passbridge.intelligence.rules.PasskeyProfile.KnownPasskey;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PasskeyProfileTest {
  private static final Instant T = Instant.parse("2025-09-01T00:00:00Z");

  @Test
  void remembersOnlyTheLastEventIds() {
    PasskeyProfile profile = PasskeyProfile.empty();
    UUID first = UUID.randomUUID();
    profile = profile.seen(first);
    for (int i = 0; i < PasskeyProfile.REMEMBERED_EVENTS; i++) {
      profile = profile.seen(UUID.randomUUID());
    }
    assertThat(profile.hasSeen(first)).isFalse();
    assertThat(profile.recentEventIds()).hasSize(PasskeyProfile.REMEMBERED_EVENTS);
  }

  @Test
  void keepsTheLatestFailurePerPlatform() {
    PasskeyProfile profile =
        PasskeyProfile.empty()
            .withUpgradeFailure(PasskeyUpgradeFailed.NOT_ALLOWED, "ios/safari", T.plusSeconds(10))
            .withUpgradeFailure(PasskeyUpgradeFailed.NOT_ALLOWED, "ios/safari", T);
    assertThat(profile.notAllowedAt()).containsEntry("ios/safari", T.plusSeconds(10));
  }

  @Test
  void survivesJson() {
    PasskeyProfile profile =
        PasskeyProfile.empty()
            .withPasskey("c1", new KnownPasskey("iCloud Keychain", null, T))
            .withUpgradeFailure(PasskeyUpgradeFailed.DISMISSED, "x", T)
            .withPromptShown(T, RulesConfig.defaults())
            .withPasskeyLogin(T)
            .seen(UUID.randomUUID());
    byte[] json = IntelligenceJson.MAPPER.writeValueAsBytes(profile);
    assertThat(IntelligenceJson.MAPPER.readValue(json, PasskeyProfile.class)).isEqualTo(profile);
  }
}
