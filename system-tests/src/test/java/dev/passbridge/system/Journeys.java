package dev.passbridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** The steps of §4 as a browser performs them, against the gateway only. */
public final class Journeys {
  private Journeys() {}

  public static final Map<String, Boolean> CONDITIONAL_CAPABLE =
      Map.of(
          "conditionalCreate", true,
          "conditionalGet", true,
          "passkeyPlatformAuthenticator", true,
          "userVerifyingPlatformAuthenticator", true);

  public static final Map<String, Boolean> PLATFORM_AUTHENTICATOR_ONLY =
      Map.of(
          "conditionalCreate", false,
          "conditionalGet", true,
          "passkeyPlatformAuthenticator", true,
          "userVerifyingPlatformAuthenticator", true);

  private static final AtomicInteger USERS = new AtomicInteger();

  public record User(String userId, String username, String password) {}

  /** A fresh account, so journeys never depend on each other. */
  public static User register(Browser browser) {
    int n = USERS.incrementAndGet();
    String username = "Journey.User" + n + "_" + Long.toString(System.nanoTime(), 36);
    String password = "correct-horse-" + n + "-battery";
    String phone = "+49151" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    var response =
        browser.post(
            "/api/auth/register",
            Map.of(
                "username", username,
                "password", password,
                "phone", phone,
                "displayName", "Journey User " + n));
    assertThat(response.status()).as("register %s", response).isEqualTo(201);
    return new User(response.text("userId"), username, password);
  }

  /** Password + SMS code + session. Returns the loginId. */
  public static String passwordLogin(
      Browser browser, User user, boolean autofilled, Map<String, Boolean> capabilities) {
    var login =
        browser.post(
            "/api/auth/login",
            Map.of(
                "username", user.username(),
                "password", user.password(),
                "client", Browser.client(autofilled, capabilities)));
    assertThat(login.status()).as("login %s", login).isEqualTo(200);
    assertThat(login.text("next")).isEqualTo("OTP");
    assertThat(login.body().path("otp").path("channel").asString()).isEqualTo("SMS");
    String loginId = login.text("loginId");

    String code = smsCode(browser, loginId);
    var verify = browser.post("/api/otp/verify", Map.of("loginId", loginId, "code", code));
    assertThat(verify.status()).as("verify %s", verify).isEqualTo(204);

    var session = browser.post("/api/auth/session", Map.of("loginId", loginId));
    assertThat(session.status()).as("session %s", session).isBetween(200, 204);
    assertThat(browser.cookie("pb_session")).as("session cookie").isNotBlank();
    return loginId;
  }

  /** The code from the dev SMS outbox (local profile), once otp-service has sent it. */
  public static String smsCode(Browser browser, String loginId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    Browser.Response sms = null;
    while (System.nanoTime() < deadline) {
      sms = browser.get("/api/dev/sms?loginId=" + loginId);
      if (sms.status() == 200 && sms.text("code") != null) {
        assertThat(sms.text("text")).contains(sms.text("code"));
        return sms.text("code");
      }
      sleep(20);
    }
    throw new AssertionError("no SMS for login " + loginId + ": " + sms);
  }

  /** GET /api/passkeys/upgrade until a decision is there (the endpoint itself waits ~2 s). */
  public static JsonNode upgrade(Browser browser) {
    var upgrade = browser.get("/api/passkeys/upgrade");
    assertThat(upgrade.status()).as("upgrade %s", upgrade).isEqualTo(200);
    return upgrade.body();
  }

  public static String register(
      Browser browser, SoftwareAuthenticator device, JsonNode upgrade, boolean conditional) {
    var created =
        browser.post(
            "/api/passkeys/registrations",
            Map.of(
                "ceremonyId", upgrade.path("ceremonyId").asString(),
                "credential", device.register(upgrade.path("publicKey"), conditional)));
    assertThat(created.status()).as("registration %s", created).isEqualTo(201);
    return created.text("credentialId");
  }

  /** Conditional-UI style passkey login: options, assertion, session. Returns the loginId. */
  public static Browser.Response passkeyLogin(Browser browser, SoftwareAuthenticator device) {
    var options = browser.post("/api/passkeys/login/options", Map.of());
    assertThat(options.status()).as("login options %s", options).isEqualTo(200);
    assertThat(options.body().path("publicKey").path("allowCredentials").size()).isZero();
    return browser.post(
        "/api/passkeys/login",
        Map.of(
            "ceremonyId", options.text("ceremonyId"),
            "credential", device.authenticate(options.body().path("publicKey"))));
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
