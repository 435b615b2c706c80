package dev.passbridge.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.journeysupport.Clients;
import dev.passbridge.system.Browser;
import dev.passbridge.system.Journeys;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Accounts and logins for the attack and security tests (the happy path, asserted step by step):
 * every password, phone number and code goes to the {@link LogCapture} so the log check knows it.
 */
public final class Users {
  private Users() {}

  /** An account and the browser that created it (with its own client address). */
  public record Account(Browser browser, String userId, String username, String password) {}

  public static Account register(ReliabilityCluster cluster) {
    Browser browser = Clients.browser(cluster.url());
    String username = Clients.username();
    String password = Clients.password();
    String phone = Clients.phone();
    cluster.logs().phone(phone);
    Browser.Response created =
        browser.post("/api/auth/register", Clients.registration(username, password, phone));
    assertThat(created.status()).as("register %s", created).isEqualTo(201);
    return new Account(browser, created.text("userId"), username, password);
  }

  /** Password + SMS code + session; returns the loginId (the session's {@code sid}). */
  public static String signIn(
      ReliabilityCluster cluster, Account account, Map<String, Boolean> capabilities) {
    Browser browser = account.browser();
    Browser.Response login = login(account, capabilities);
    assertThat(login.status()).as("login %s", login).isEqualTo(200);
    String loginId = login.text("loginId");
    String code = code(cluster, browser, loginId);
    Browser.Response verify =
        browser.post("/api/otp/verify", Map.of("loginId", loginId, "code", code));
    assertThat(verify.status()).as("verify %s", verify).isEqualTo(204);
    Browser.Response session = browser.post("/api/auth/session", Map.of("loginId", loginId));
    assertThat(session.status()).as("session %s", session).isEqualTo(200);
    return loginId;
  }

  /** The password step with the account's own browser (its cookies), autofilled; any answer. */
  public static Browser.Response login(Account account, Map<String, Boolean> capabilities) {
    return account
        .browser()
        .post(
            "/api/auth/login",
            Map.of(
                "username",
                account.username(),
                "password",
                account.password(),
                "client",
                Browser.client(true, capabilities)));
  }

  /** The code of a login from the dev SMS outbox, once otp-service has sent it. */
  public static String code(ReliabilityCluster cluster, Browser browser, String loginId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Browser.Response sms = null;
    while (System.nanoTime() < deadline) {
      sms = browser.get("/api/dev/sms?loginId=" + loginId);
      if (sms.status() == 200 && sms.text("code") != null) {
        cluster.logs().code(sms.text("code"));
        return sms.text("code");
      }
      Journeys.sleep(25);
    }
    throw new AssertionError("no SMS for login " + loginId + ": " + sms);
  }

  /** A signed-in account whose login was decided CONDITIONAL or PROMPT: the upgrade answer. */
  public static JsonNode upgrade(Browser browser, String expectedAction) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode upgrade = null;
    while (System.nanoTime() < deadline) {
      Browser.Response r = browser.get("/api/passkeys/upgrade");
      assertThat(r.status()).as("upgrade %s", r).isEqualTo(200);
      upgrade = r.body();
      if (!"PENDING".equals(upgrade.path("reason").asString(null))) {
        break;
      }
    }
    assertThat(upgrade.path("action").asString())
        .as("upgrade %s", upgrade)
        .isEqualTo(expectedAction);
    return upgrade;
  }

  public static final Map<String, Boolean> CONDITIONAL = Journeys.CONDITIONAL_CAPABLE;
  public static final Map<String, Boolean> PROMPT_ONLY = Journeys.PLATFORM_AUTHENTICATOR_ONLY;
}
