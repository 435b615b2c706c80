package dev.passbridge.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.passbridge.contracts.events.LoginMethod;
import dev.passbridge.contracts.events.LoginSucceeded;
import dev.passbridge.contracts.events.PasskeyAuthenticated;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.system.Journeys.User;
import dev.passbridge.testsupport.EventCapture;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Whole flows through the gateway of the running system (the launcher's stack), asserting on the
 * HTTP answers of §4 and on the events read back from Kafka.
 */
class UpgradeJourneyIT {
  static String url;
  static EventCapture events;

  @BeforeAll
  static void start() {
    url = PassbridgeSystem.url();
    events =
        EventCapture.of(
            PassbridgeSystem.get().bootstrapServers(),
            Topics.PASSWORD_AUTHENTICATED,
            Topics.PASSKEY_ELIGIBLE,
            Topics.PASSKEY_UPGRADE_SKIPPED,
            Topics.PASSKEY_CREATED,
            Topics.PASSKEY_UPGRADE_FAILED,
            Topics.PASSKEY_AUTHENTICATED,
            Topics.PASSKEY_DELETED,
            Topics.LOGIN_SUCCEEDED);
  }

  @AfterAll
  static void stop() {
    events.close();
  }

  @Test
  void autofilledPasswordLoginUpgradesSilentlyAndTheNextLoginUsesThePasskey() {
    Browser browser = new Browser(url, Browser.CHROME_MAC);
    SoftwareAuthenticator device = new SoftwareAuthenticator(url);
    User user = Journeys.register(browser);

    String loginId = Journeys.passwordLogin(browser, user, true, Journeys.CONDITIONAL_CAPABLE);
    PasswordAuthenticated authenticated =
        events.await(PasswordAuthenticated.class, e -> e.loginId().equals(loginId));
    assertThat(authenticated.client().autofilled()).isTrue();
    assertThat(authenticated.platform().browser()).isEqualTo("Chrome");

    JsonNode upgrade = Journeys.upgrade(browser);
    assertThat(upgrade.path("action").asString()).isEqualTo("CONDITIONAL_CREATE");
    JsonNode publicKey = upgrade.path("publicKey");
    assertThat(publicKey.path("user").path("name").asString()).isEqualTo(user.username());
    assertThat(publicKey.path("user").path("id").asString()).isNotEqualTo(user.username());
    assertThat(publicKey.path("authenticatorSelection").path("residentKey").asString())
        .isEqualTo("required");
    assertThat(publicKey.path("attestation").asString()).isEqualTo("none");
    PasskeyEligible eligible =
        events.await(PasskeyEligible.class, e -> e.loginId().equals(loginId));
    assertThat(eligible.mode()).isEqualTo(UpgradeMode.CONDITIONAL);

    // the silent create: user presence is 0, accepted because the ceremony is CONDITIONAL
    String credentialId = Journeys.register(browser, device, upgrade, true);
    PasskeyCreated created =
        events.await(PasskeyCreated.class, e -> e.credentialId().equals(credentialId));
    assertThat(created.userId()).hasToString(user.userId());
    assertThat(created.mode()).isEqualTo(UpgradeMode.CONDITIONAL);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.get("/api/me").body().path("hasPasskey").asBoolean());
    var passkeys = browser.get("/api/passkeys");
    assertThat(passkeys.status()).isEqualTo(200);
    assertThat(passkeys.body().toString()).contains(credentialId);

    assertThat(browser.post("/api/auth/logout", Map.of()).status()).isEqualTo(204);
    assertThat(browser.get("/api/me").status()).isEqualTo(401);

    var passkeyLogin = Journeys.passkeyLogin(browser, device);
    assertThat(passkeyLogin.status()).as("passkey login %s", passkeyLogin).isEqualTo(200);
    String passkeyLoginId = passkeyLogin.text("loginId");
    events.await(PasskeyAuthenticated.class, e -> e.loginId().equals(passkeyLoginId));
    var session = browser.post("/api/auth/session", Map.of("loginId", passkeyLoginId));
    assertThat(session.status()).as("session %s", session).isBetween(200, 204);
    var me = browser.get("/api/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.text("userId")).isEqualTo(user.userId());
    assertThat(me.text("username")).isEqualTo(user.username());
    LoginSucceeded succeeded =
        events.await(LoginSucceeded.class, e -> e.loginId().equals(passkeyLoginId));
    assertThat(succeeded.method()).isEqualTo(LoginMethod.PASSKEY);
  }

  @Test
  void platformWithoutConditionalCreateGetsAPromptAndUserPresenceIsRequiredThere() {
    Browser browser = new Browser(url, Browser.CHROME_MAC);
    SoftwareAuthenticator device = new SoftwareAuthenticator(url);
    User user = Journeys.register(browser);

    Journeys.passwordLogin(browser, user, true, Journeys.PLATFORM_AUTHENTICATOR_ONLY);
    JsonNode prompt = Journeys.upgrade(browser);
    assertThat(prompt.path("action").asString()).isEqualTo("PROMPT");
    var withoutPresence =
        browser.post(
            "/api/passkeys/registrations",
            Map.of(
                "ceremonyId", prompt.path("ceremonyId").asString(),
                "credential", device.register(prompt.path("publicKey"), true)));
    assertThat(withoutPresence.status()).isBetween(400, 499);
    assertThat(withoutPresence.problemType()).endsWith("/user-presence-missing");

    Journeys.passwordLogin(browser, user, true, Journeys.PLATFORM_AUTHENTICATOR_ONLY);
    JsonNode again = Journeys.upgrade(browser);
    assertThat(again.path("action").asString()).isEqualTo("PROMPT");
    String credentialId = Journeys.register(browser, device, again, false);
    PasskeyCreated created =
        events.await(PasskeyCreated.class, e -> e.credentialId().equals(credentialId));
    assertThat(created.mode()).isEqualTo(UpgradeMode.PROMPT);
  }

  @Test
  void typedPasswordIsNotUpgradedSilently() {
    // §5: CONDITIONAL needs an autofilled password; without a platform authenticator nothing fits
    Browser browser = new Browser(url, Browser.CHROME_MAC);
    User user = Journeys.register(browser);
    String loginId =
        Journeys.passwordLogin(browser, user, false, Map.of("conditionalCreate", true));
    JsonNode upgrade = Journeys.upgrade(browser);
    assertThat(upgrade.path("action").asString()).isEqualTo("NONE");
    assertThat(upgrade.path("reason").asString()).isEqualTo("NOT_AUTOFILLED");
    assertThat(events.await(PasskeyUpgradeSkipped.class, e -> e.loginId().equals(loginId)).reason())
        .isEqualTo("NOT_AUTOFILLED");

    // with a platform authenticator, a typed password gets an explicit prompt instead
    String second = Journeys.passwordLogin(browser, user, false, Journeys.CONDITIONAL_CAPABLE);
    assertThat(Journeys.upgrade(browser).path("action").asString()).isEqualTo("PROMPT");
    assertThat(events.await(PasskeyEligible.class, e -> e.loginId().equals(second)).mode())
        .isEqualTo(UpgradeMode.PROMPT);
  }

  @Test
  void userWithAPasskeyIsNotOfferedAnotherAndDeletingItMakesTheNextLoginEligibleAgain() {
    Browser browser = new Browser(url, Browser.CHROME_MAC);
    SoftwareAuthenticator device = new SoftwareAuthenticator(url);
    User user = Journeys.register(browser);
    Journeys.passwordLogin(browser, user, true, Journeys.CONDITIONAL_CAPABLE);
    String credentialId = Journeys.register(browser, device, Journeys.upgrade(browser), true);
    events.await(PasskeyCreated.class, e -> e.credentialId().equals(credentialId));

    String second = Journeys.passwordLogin(browser, user, true, Journeys.CONDITIONAL_CAPABLE);
    JsonNode upgrade = Journeys.upgrade(browser);
    assertThat(upgrade.path("action").asString()).isEqualTo("NONE");
    assertThat(upgrade.path("reason").asString()).isEqualTo("HAS_PASSKEY");
    events.await(PasskeyUpgradeSkipped.class, e -> e.loginId().equals(second));

    var deleted = browser.delete("/api/passkeys/" + credentialId);
    assertThat(deleted.status()).isEqualTo(204);
    events.await(PasskeyDeleted.class, e -> e.credentialId().equals(credentialId));

    // the authenticator still holds the credential; the server no longer knows it
    var unknown = Journeys.passkeyLogin(browser, device);
    assertThat(unknown.status()).isBetween(400, 499);
    assertThat(unknown.problemType()).endsWith("/unknown-credential");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !browser.get("/api/me").body().path("hasPasskey").asBoolean(true));
    Journeys.passwordLogin(browser, user, true, Journeys.CONDITIONAL_CAPABLE);
    assertThat(Journeys.upgrade(browser).path("action").asString()).isEqualTo("CONDITIONAL_CREATE");
  }

  @Test
  void notAllowedErrorStartsACooldown() {
    Browser browser = new Browser(url, Browser.CHROME_MAC);
    User user = Journeys.register(browser);
    Journeys.passwordLogin(browser, user, true, Journeys.CONDITIONAL_CAPABLE);
    JsonNode upgrade = Journeys.upgrade(browser);
    assertThat(upgrade.path("action").asString()).isEqualTo("CONDITIONAL_CREATE");
    String ceremonyId = upgrade.path("ceremonyId").asString();
    var outcome =
        browser.post(
            "/api/passkeys/upgrade/outcome",
            Map.of("ceremonyId", ceremonyId, "errorName", "NotAllowedError"));
    assertThat(outcome.status()).isBetween(200, 204);
    events.await(PasskeyUpgradeFailed.class, e -> e.ceremonyId().equals(ceremonyId));

    String next = Journeys.passwordLogin(browser, user, true, Journeys.CONDITIONAL_CAPABLE);
    JsonNode again = Journeys.upgrade(browser);
    assertThat(again.path("action").asString()).isEqualTo("NONE");
    assertThat(again.path("reason").asString()).isEqualTo("COOLDOWN");
    events.await(PasskeyUpgradeSkipped.class, e -> e.loginId().equals(next));
  }

  @Test
  void unknownUserAndWrongPasswordLookTheSame() {
    Browser browser = new Browser(url, Browser.CHROME_MAC);
    User user = Journeys.register(browser);
    var wrong =
        browser.post(
            "/api/auth/login",
            Map.of(
                "username",
                user.username(),
                "password",
                "not-the-password",
                "client",
                Browser.client(true, Map.of())));
    var unknown =
        browser.post(
            "/api/auth/login",
            Map.of(
                "username",
                "nobody-" + UUID.randomUUID(),
                "password",
                "not-the-password",
                "client",
                Browser.client(true, Map.of())));
    assertThat(wrong.status()).isEqualTo(unknown.status()).isBetween(400, 499);
    assertThat(wrong.body()).isEqualTo(unknown.body());
  }
}
