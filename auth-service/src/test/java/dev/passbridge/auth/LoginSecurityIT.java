package dev.passbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Enumeration safety, rate limits, registration rules and malformed input, over real HTTP. */
class LoginSecurityIT extends IntegrationTestBase {
  @Autowired MeterRegistry meters;

  @Test
  void wrongPasswordAndUnknownUserGetTheSameStatusAndBody() {
    String username = uniqueName("known");
    register(username, "correct horse battery");

    Reply wrongPassword = login(username, "not my password");
    Reply unknownUser = login(uniqueName("nobody"), "not my password");

    assertThat(wrongPassword.status()).isEqualTo(401).isEqualTo(unknownUser.status());
    assertThat(wrongPassword.body()).isEqualTo(unknownUser.body());
    assertThat(wrongPassword.problemCode()).isEqualTo("invalid-credentials");
    assertThat(wrongPassword.header("Content-Type")).isEqualTo(unknownUser.header("Content-Type"));
    assertThat(meters.find("passbridge.auth.login").tag("outcome", "invalid_credentials").timer())
        .isNotNull()
        .satisfies(t -> assertThat(t.count()).isGreaterThanOrEqualTo(2));
  }

  @Test
  void tooManyAttemptsFromOneAddressGet429WithRetryAfter() {
    String ip = randomIp();
    for (int i = 0; i < 6; i++) {
      assertThat(login(uniqueName("spray"), "some password", "X-Forwarded-For", ip).status())
          .isEqualTo(401);
    }

    Reply limited = login(uniqueName("spray"), "some password", "X-Forwarded-For", ip);

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.problemCode()).isEqualTo("too-many-attempts");
    assertThat(limited.header("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
    assertThat(limited.json().path("retryAfterSeconds").asInt()).isBetween(1, 60);
    // another address is not affected
    assertThat(login(uniqueName("spray"), "some password").status()).isEqualTo(401);
  }

  @Test
  void repeatedFailuresForOneUsernameGet429ForEveryUnknownClientEvenWithTheRightPassword() {
    String username = uniqueName("target");
    register(username, "correct horse battery");
    for (int i = 0; i < 4; i++) {
      assertThat(login(username, "guess " + i).status()).isEqualTo(401);
    }

    Reply limited = login(username, "correct horse battery");

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(800, 900));
  }

  @Test
  void theUsernameLimitDoesNotRevealWhetherTheAccountExists() {
    String ghost = uniqueName("ghost");
    for (int i = 0; i < 4; i++) {
      login(ghost, "guess " + i);
    }
    Reply limited = login(ghost, "guess 5");
    assertThat(limited.status()).isEqualTo(429);
  }

  @Test
  void registrationRulesAnswerWithStableProblemTypes() {
    String username = uniqueName("Reg");
    register(username, "correct horse battery");

    Reply taken =
        postJson(
            "/api/auth/register",
            Map.of(
                "username",
                username.toLowerCase(),
                "password",
                "another good passphrase",
                "phone",
                PHONE,
                "displayName",
                "Copy"));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.problemCode()).isEqualTo("username-taken");

    Reply weak = registration(uniqueName("weak"), "password123", PHONE);
    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.problemCode()).isEqualTo("weak-password");
    assertThat(weak.json().path("reasons").toString()).contains("COMMON");

    Reply phone = registration(uniqueName("phone"), "correct horse battery", "0151 1234 5678");
    assertThat(phone.status()).isEqualTo(400);
    assertThat(phone.problemCode()).isEqualTo("invalid-phone");

    Reply name = registration("a b", "correct horse battery", PHONE);
    assertThat(name.status()).isEqualTo(400);
    assertThat(name.problemCode()).isEqualTo("invalid-username");

    // 33 letters once normalised, 66 characters as typed (the stored form): answered 500 after
    // the hash when the database refused the insert
    String base = uniqueName("d");
    String decomposedName = base + "e\u0301".repeat(64 - base.length());
    Reply decomposed = registration(decomposedName, "correct horse battery", PHONE);
    assertThat(decomposed.status()).as(decomposed.body()).isEqualTo(400);
    assertThat(decomposed.problemCode()).isEqualTo("invalid-username");
    // an invisible mark would make an account that looks like another
    Reply invisible = registration(username + "\u034F", "correct horse battery", PHONE);
    assertThat(invisible.status()).as(invisible.body()).isEqualTo(400);
    assertThat(invisible.problemCode()).isEqualTo("invalid-username");
    Reply longest =
        registration(
            base + "e\u0301".repeat((64 - base.length()) / 2), "correct horse battery", PHONE);
    assertThat(longest.status()).as(longest.body()).isEqualTo(201);
  }

  private Reply registration(String username, String password, String phone) {
    return postJson(
        "/api/auth/register",
        Map.of("username", username, "password", password, "phone", phone, "displayName", "X"));
  }

  @Test
  void malformedRequestsGetClear4xxProblems() {
    Reply notJson = post("/api/auth/login", "{not json");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.problemCode()).isEqualTo("malformed-request");

    Reply empty = post("/api/auth/login", "");
    assertThat(empty.status()).isEqualTo(400);

    Reply missing = post("/api/auth/login", "{\"password\":\"x\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.problemCode()).isEqualTo("validation-failed");
    assertThat(missing.json().path("errors").has("username")).isTrue();

    Reply wrongType =
        post(
            "/api/auth/login",
            "{\"username\":\"a\",\"password\":\"b\",\"client\":{\"capabilities\":{\"x\":[1,2]}}}");
    assertThat(wrongType.status()).isEqualTo(400);

    Reply array = post("/api/auth/login", "[1,2,3]");
    assertThat(array.status()).isEqualTo(400);

    Reply hugePassword =
        post("/api/auth/login", "{\"username\":\"a\",\"password\":\"" + "x".repeat(2000) + "\"}");
    assertThat(hugePassword.status()).isEqualTo(400);
    assertThat(hugePassword.problemCode()).isEqualTo("validation-failed");

    Reply tooLarge = post("/api/auth/register", "{\"username\":\"" + "x".repeat(70_000) + "\"}");
    assertThat(tooLarge.status()).isEqualTo(413);

    Reply badLoginId = post("/api/auth/session", "{\"loginId\":\"../../etc/passwd\"}");
    assertThat(badLoginId.status()).isEqualTo(400);
    assertThat(badLoginId.problemCode()).isEqualTo("validation-failed");

    Reply textPlain =
        post("/api/auth/login", "username=a&password=b", "Content-Type", "text/plain");
    assertThat(textPlain.status()).isEqualTo(415);

    Reply noSuchPath = get("/api/auth/nothing-here");
    assertThat(noSuchPath.status()).isEqualTo(404);
    assertThat(noSuchPath.problemCode()).isEqualTo("not-found");

    Reply wrongMethod = get("/api/auth/login");
    assertThat(wrongMethod.status()).isEqualTo(405);

    // a NUL character (escaped in valid JSON), which PostgreSQL cannot store or compare: a name
    // nobody has at login, refused at registration; never a 500
    Reply nul =
        post("/api/auth/login", "{\"username\":\"ali\\u0000ce\",\"password\":\"whatever\"}");
    assertThat(nul.status()).as(nul.body()).isEqualTo(401);
    assertThat(nul.problemCode()).isEqualTo("invalid-credentials");
    Reply nulRegistration =
        postJson(
            "/api/auth/register",
            Map.of(
                "username", "ali\u0000ce",
                "password", "correct horse battery",
                "phone", PHONE,
                "displayName", "Nul"));
    assertThat(nulRegistration.status()).as(nulRegistration.body()).isEqualTo(400);
    Reply nulDisplayName =
        postJson(
            "/api/auth/register",
            Map.of(
                "username",
                "nul-" + java.util.UUID.randomUUID().toString().substring(0, 8),
                "password",
                "correct horse battery",
                "phone",
                PHONE,
                "displayName",
                "N\u0000l"));
    assertThat(nulDisplayName.status()).as(nulDisplayName.body()).isEqualTo(400);
  }

  @Test
  void stateChangingRequestsNeedAnAllowedOrigin() {
    Reply none = post("/api/auth/login", "{}", "Origin", "https://evil.example");
    assertThat(none.status()).isEqualTo(403);
    assertThat(none.problemCode()).isEqualTo("origin-not-allowed");
  }
}
