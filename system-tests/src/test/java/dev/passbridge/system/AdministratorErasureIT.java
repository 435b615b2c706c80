package dev.passbridge.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.system.Journeys.User;
import dev.passbridge.testsupport.EventCapture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An administrator erases a user through the gateway of the running system ({@code POST
 * /api/admin/account-erasures}): the user's session, passkey and password stop working, the event
 * is on Kafka; the user themselves cannot use the administrators' tool.
 */
class AdministratorErasureIT {

  @Test
  void anAdministratorErasesAUserWhoseSessionPasskeyAndPasswordThenStopWorking() {
    String url = PassbridgeSystem.url();
    try (EventCapture events =
        EventCapture.of(PassbridgeSystem.get().bootstrapServers(), Topics.USER_ERASED)) {
      Browser browser = new Browser(url, Browser.CHROME_MAC);
      SoftwareAuthenticator device = new SoftwareAuthenticator(url);
      User user = Journeys.register(browser);
      Journeys.passwordLogin(browser, user, true, Journeys.CONDITIONAL_CAPABLE);
      JsonNode upgrade = Journeys.upgrade(browser);
      assertThat(upgrade.path("action").asString()).isEqualTo("CONDITIONAL_CREATE");
      Journeys.register(browser, device, upgrade, true);

      // the user is no administrator: refused at the edge
      var refused =
          browser.post("/api/admin/account-erasures", Map.of("username", user.username()));
      assertThat(refused.status()).as("%s", refused).isEqualTo(403);
      assertThat(refused.text("code")).isEqualTo("forbidden");
      assertThat(browser.get("/api/me").status()).isEqualTo(200);

      Browser admin = new Browser(url, Browser.FIREFOX_WINDOWS);
      Journeys.passwordLogin(admin, new User(null, "admin", "passbridge-admin-1"), false, Map.of());
      var erased = admin.post("/api/admin/account-erasures", Map.of("username", user.username()));
      assertThat(erased.status()).as("%s", erased).isEqualTo(202);
      assertThat(erased.text("userId")).isEqualTo(user.userId());
      assertThat(erased.body().path("accountErased").asBoolean()).isTrue();
      assertThat(erased.body().path("sessionsEnded").asInt()).isEqualTo(1);
      events.await(UserErased.class, e -> e.userId().toString().equals(user.userId()));

      // the user's session ends at once, the administrator's goes on
      assertThat(browser.get("/api/me").status()).isEqualTo(401);
      assertThat(admin.get("/api/me").status()).isEqualTo(200);
      // the passkey stops working as passkey-service reads the event: an unknown credential
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () -> {
                var attempt = Journeys.passkeyLogin(new Browser(url, Browser.CHROME_MAC), device);
                return attempt.status() == 404 && "unknown-credential".equals(attempt.text("code"));
              });
      // the password signs nobody in
      var login =
          new Browser(url, Browser.CHROME_MAC)
              .post(
                  "/api/auth/login",
                  Map.of(
                      "username", user.username(),
                      "password", user.password(),
                      "client", Browser.client(true, Journeys.CONDITIONAL_CAPABLE)));
      assertThat(login.status()).as("%s", login).isEqualTo(401);
    }
  }
}
