package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.Fixtures;
import dev.passbridge.intelligence.rules.PasskeyProfile.KnownPasskey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NoPasskeyYetRuleTest {
  private final Rule rule = new NoPasskeyYetRule();
  private final RulesConfig allowOther =
      RulesConfig.defaults().withAllowSecondPasskeyFromOtherProvider(true);
  private static final Instant T = Instant.parse("2025-09-01T00:00:00Z");

  private static PasskeyProfile withPasskey(String provider, String label) {
    return PasskeyProfile.empty().withPasskey("cred-1", new KnownPasskey(provider, label, T));
  }

  @Test
  void passesForAUserWithoutPasskeys() {
    assertThat(
            rule.evaluate(RuleInputs.login(Fixtures.IOS_SAFARI_18), RulesConfig.defaults())
                .passed())
        .isTrue();
  }

  @Test
  void anyPasskeyCountsByDefault() {
    DecisionInput input =
        RuleInputs.withProfile(
            RuleInputs.login(Fixtures.IOS_SAFARI_18),
            withPasskey("Google Password Manager", "Android/Chrome"));
    RuleOutcome outcome = rule.evaluate(input, RulesConfig.defaults());
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.skipReason()).isEqualTo(SkipReasons.HAS_PASSKEY);
  }

  @Test
  void withTheFlagAPasskeyFromAnotherProviderDoesNotCount() {
    DecisionInput input =
        RuleInputs.withProfile(
            RuleInputs.login(Fixtures.IOS_SAFARI_18),
            withPasskey("Google Password Manager", "Android/Chrome"));
    assertThat(rule.evaluate(input, allowOther).passed()).isTrue();
  }

  @Test
  void withTheFlagAPasskeyFromThisPlatformsProviderCounts() {
    DecisionInput input =
        RuleInputs.withProfile(
            RuleInputs.login(Fixtures.MAC_SAFARI_18), withPasskey("iCloud Keychain", "iOS/Safari"));
    RuleOutcome outcome = rule.evaluate(input, allowOther);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.detail()).contains("iCloud Keychain");
  }

  @Test
  void withTheFlagAPasskeyCreatedOnThisPlatformCountsWhateverItsProvider() {
    DecisionInput input =
        RuleInputs.withProfile(
            RuleInputs.login(Fixtures.WINDOWS_FIREFOX),
            withPasskey("1Password", "Windows/Firefox"));
    assertThat(rule.evaluate(input, allowOther).passed()).isFalse();
  }

  @Test
  void invalidStateErrorOnThisPlatformCountsAsAPasskeyEvenWithoutARegisteredOne() {
    PasskeyProfile profile =
        PasskeyProfile.empty()
            .withUpgradeFailure(PasskeyUpgradeFailed.INVALID_STATE, "ios/safari", T);
    RuleOutcome outcome =
        rule.evaluate(
            RuleInputs.withProfile(RuleInputs.login(Fixtures.IOS_SAFARI_18), profile), allowOther);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.skipReason()).isEqualTo(SkipReasons.HAS_PASSKEY);
    assertThat(
            rule.evaluate(
                    RuleInputs.withProfile(RuleInputs.login(Fixtures.WINDOWS_CHROME_136), profile),
                    allowOther)
                .passed())
        .isTrue();
  }

  /**
   * InvalidStateError marks a passkey of the user's on that authenticator; once the user deleted
   * every passkey none is left for an offer to exclude, and the platform is offered again (the mark
   * used to stay for good: HAS_PASSKEY there forever).
   */
  @Test
  void theMarkGoesWithTheUsersLastPasskey() {
    // the user's passkey is on Android; on iOS the offer ran into one of the user's (InvalidState)
    PasskeyProfile marked =
        withPasskey("Google Password Manager", "Android/Chrome")
            .withUpgradeFailure(PasskeyUpgradeFailed.INVALID_STATE, "ios/safari", T);
    DecisionInput login = RuleInputs.login(Fixtures.IOS_SAFARI_18);
    assertThat(rule.evaluate(RuleInputs.withProfile(login, marked), allowOther).passed()).isFalse();

    // one passkey of two deleted: the mark stays
    PasskeyProfile two =
        marked.withPasskey("cred-2", new KnownPasskey("Google Password Manager", "Android", T));
    assertThat(
            rule.evaluate(RuleInputs.withProfile(login, two.withoutPasskey("cred-2")), allowOther)
                .passed())
        .isFalse();

    PasskeyProfile deleted = marked.withoutPasskey("cred-1");
    assertThat(rule.evaluate(RuleInputs.withProfile(login, deleted), allowOther).passed())
        .as("no passkey left: offered again")
        .isTrue();
  }
}
