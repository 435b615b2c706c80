package dev.passbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.SignedJWT;
import dev.passbridge.auth.accounts.Username;
import dev.passbridge.auth.login.UsernameDigest;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.contracts.ids.Tokens;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.testsupport.EventCapture;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /api/me} over real HTTP, PostgreSQL, Redis and Kafka: the account's erasure is
 * published ({@code UserErased}, acknowledged before the answer), the account row goes, every
 * session of the user ends (other devices too), a login under way gets no session, the projection
 * drops the user's rows, and the username is free again. Without a session, or from a foreign page,
 * nothing happens.
 */
class AccountErasureIT extends IntegrationTestBase {
  private static final String PASSWORD = "correct horse battery";

  private Reply erase(String sessionToken, String origin) {
    var b = request("/api/me").DELETE();
    if (origin != null) {
      b.header("Origin", origin);
    }
    if (sessionToken != null) {
      b.header("Cookie", "pb_session=" + sessionToken);
    }
    return send(b.build());
  }

  private long projectionRows(UUID userId) {
    return jdbc.sql("select count(*) from passkey_projection where user_id = ?")
        .param(userId)
        .query(Long.class)
        .single();
  }

  @Test
  void theAccountItsSessionsAndItsRowsGoAndTheNameIsFreeAgain() throws Exception {
    String username = uniqueName("erase");
    String first = fullLogin(username, PASSWORD);
    UUID userId = UUID.fromString(me(first).json().path("userId").asString());
    String second = anotherSession(userId, username, PASSWORD);
    // a neighbour, who keeps everything
    String neighbourName = uniqueName("stay");
    String neighbour = fullLogin(neighbourName, PASSWORD);
    UUID neighbourId = UUID.fromString(me(neighbour).json().path("userId").asString());
    publish(passkeyCreated(userId));
    publish(passkeyCreated(neighbourId));
    await().atMost(Duration.ofSeconds(15)).until(() -> projectionRows(userId) == 1);
    await().atMost(Duration.ofSeconds(15)).until(() -> projectionRows(neighbourId) == 1);
    // a third login of the user, under way when the account is erased
    String underWay = loginId(username, PASSWORD);

    try (var capture = EventCapture.of(bootstrap(), Topics.USER_ERASED)) {
      Reply r = erase(first, ORIGIN);
      assertThat(r.status()).as(r.body()).isEqualTo(202);
      assertThat(setCookieHeader(r, "pb_session"))
          .hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));

      UserErased erased = capture.await(UserErased.class, e -> e.userId().equals(userId));
      assertThat(erased.eventId()).isEqualTo(UserErased.idFor(userId));
      assertThat(erased.source()).isNull();
      assertThat(erased.clientId()).isNull();
    }
    assertThat(accountRows(userId)).isZero();
    // both devices are signed out, at once: their sessions are revoked (GET /api/me would say 401
    // for a missing account alone; the edge and passkey-service read only the revocation)
    for (String token : List.of(first, second)) {
      String sid = SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid");
      assertThat(redis.hasKey("session:revoked:" + sid)).as("revoked " + sid).isTrue();
      assertThat(me(token).status()).isEqualTo(401);
    }
    assertThat(
            redis.hasKey(
                "session:revoked:"
                    + SignedJWT.parse(neighbour).getJWTClaimsSet().getStringClaim("sid")))
        .isFalse();
    assertThat(erase(second, ORIGIN).status()).isEqualTo(401);
    // the login under way completes its second factor, and gets no session
    publish(otpVerified(userId, underWay));
    Reply late = session(underWay);
    assertThat(late.status()).as(late.body()).isEqualTo(410);
    assertThat(late.problemCode()).isEqualTo("login-expired");
    await().atMost(Duration.ofSeconds(15)).until(() -> projectionRows(userId) == 0);

    // the neighbour keeps everything
    assertThat(me(neighbour).status()).isEqualTo(200);
    assertThat(projectionRows(neighbourId)).isEqualTo(1);

    // the password no longer signs in; the username is free for a new account
    assertThat(login(username, PASSWORD).status()).isEqualTo(401);
    UUID again = register(username, "another horse battery");
    assertThat(again).isNotEqualTo(userId);
  }

  /**
   * What the login limits keep under the name's digest (the address and the browser it logged in
   * from, a stranger's failures) goes with the account: a new account with the same name is known
   * nowhere. And the keys carry the keyed digest, not the SHA-256 anyone can compute for a guessed
   * name.
   */
  @Test
  void theLoginLimitsForgetTheNameSoANewAccountWithItInheritsNothing() {
    String username = uniqueName("forget");
    UUID userId = register(username, PASSWORD);
    String home = randomIp();
    Reply ok = login(username, PASSWORD, "X-Forwarded-For", home);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    String device = setCookie(ok, "pb_device").orElseThrow();
    String loginId = ok.json().path("loginId").asString();
    publish(otpVerified(userId, loginId));
    Reply s = session(loginId);
    assertThat(s.status()).as(s.body()).isEqualTo(200);
    String stranger = randomIp();
    assertThat(login(username, "a wrong guess", "X-Forwarded-For", stranger).status())
        .isEqualTo(401);

    String name = Username.keyOf(username);
    String digest = new UsernameDigest(UsernameDigest.decodeKey(USERNAME_HMAC_KEY)).of(name);
    String deviceKey = "auth:login-device:" + Tokens.digest(device);
    List<String> kept =
        List.of(
            "auth:login-known:" + digest + ":" + home,
            "auth:rl:login-user:" + digest,
            "auth:rl:login-pair:" + digest + ":a:" + stranger,
            "auth:login-index:" + digest,
            deviceKey);
    for (String key : kept) {
      assertThat(redis.hasKey(key)).as("before: " + key).isTrue();
    }
    assertThat(redis.opsForValue().get(deviceKey)).isEqualTo(digest);
    assertThat(redis.keys("*" + Tokens.digest(name) + "*"))
        .as("no key names the plain SHA-256 of the name")
        .isEmpty();

    Reply r = erase(sessionCookie(s), ORIGIN);
    assertThat(r.status()).as(r.body()).isEqualTo(202);

    for (String key : kept) {
      assertThat(redis.hasKey(key)).as("after: " + key).isFalse();
    }
    // nothing else either (a test may list keys; the service never does), but the in-flight
    // counters of the attempts, which expire a minute after the last one
    assertThat(redis.keys("*" + digest + "*")).allMatch(k -> k.endsWith(":in-flight"));

    // a new account with the name: once strangers used up the name's limit (4 failures, at most 3
    // per address), the old home address and the old browser wait like any stranger
    register(username, "another horse battery");
    String another = randomIp();
    for (int i = 0; i < 4; i++) {
      String from = i < 2 ? stranger : another;
      assertThat(login(username, "guess " + i, "X-Forwarded-For", from).status())
          .as("guess " + i)
          .isEqualTo(401);
    }
    assertThat(login(username, "another horse battery", "X-Forwarded-For", home).status())
        .as("the old home address is not known")
        .isEqualTo(429);
    assertThat(
            login(
                    username,
                    "another horse battery",
                    "X-Forwarded-For",
                    randomIp(),
                    "Cookie",
                    "pb_device=" + device)
                .status())
        .as("the old browser is not known")
        .isEqualTo(429);
  }

  /**
   * A session whose sign-in is older than the recent-sign-in limit (10 minutes) deletes nothing:
   * 403 reauthentication-required, no event, the account and the session as they were; a new
   * sign-in's session then may, also 9 minutes later.
   */
  @Test
  void anOldSignInMustSignInAgainBeforeDeletingTheAccount() throws Exception {
    String username = uniqueName("stale");
    String old = fullLogin(username, PASSWORD);
    UUID userId = UUID.fromString(me(old).json().path("userId").asString());
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    try (var capture = EventCapture.of(bootstrap(), Topics.USER_ERASED)) {
      Reply refused = erase(old, ORIGIN);
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(refused.problemCode()).isEqualTo("reauthentication-required");
      assertThat(refused.json().path("detail").asString()).contains("sign in again");
      assertThat(setCookieHeader(refused, "pb_session")).isEmpty();
      Thread.sleep(500);
      assertThat(capture.events()).isEmpty();
    }
    assertThat(accountRows(userId)).isEqualTo(1);
    assertThat(me(old).status()).isEqualTo(200);
    String sid = SignedJWT.parse(old).getJWTClaimsSet().getStringClaim("sid");
    assertThat(redis.hasKey("session:revoked:" + sid)).isFalse();

    String fresh = anotherSession(userId, username, PASSWORD);
    clock.advance(Duration.ofMinutes(9));
    Reply erased = erase(fresh, ORIGIN);
    assertThat(erased.status()).as(erased.body()).isEqualTo(202);
    assertThat(accountRows(userId)).isZero();
  }

  @Test
  void withoutASessionOrFromAForeignPageNothingHappens() throws Exception {
    String username = uniqueName("keep");
    String token = fullLogin(username, PASSWORD);
    UUID userId = UUID.fromString(me(token).json().path("userId").asString());
    try (var capture = EventCapture.of(bootstrap(), Topics.USER_ERASED)) {
      Reply none = erase(null, ORIGIN);
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.problemCode()).isEqualTo("unauthenticated");
      Reply forged = erase("not-a-token", ORIGIN);
      assertThat(forged.status()).isEqualTo(401);
      Reply foreign = erase(token, "https://evil.example");
      assertThat(foreign.status()).as(foreign.body()).isEqualTo(403);
      Thread.sleep(500);
      assertThat(capture.events()).isEmpty();
    }
    assertThat(accountRows(userId)).isEqualTo(1);
    assertThat(me(token).status()).isEqualTo(200);
  }

  private PasskeyCreated passkeyCreated(UUID userId) {
    return new PasskeyCreated(
        UUID.randomUUID(),
        clock.instant(),
        userId,
        null,
        "cred-" + UUID.randomUUID(),
        "fbfc3007-154e-4ecc-8c0b-6e020557d7bd",
        "iCloud Keychain",
        UpgradeMode.CONDITIONAL,
        true,
        true,
        List.of("internal"),
        null);
  }
}
