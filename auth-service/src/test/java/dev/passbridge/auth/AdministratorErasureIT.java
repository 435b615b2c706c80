package dev.passbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.platform.openapi.OpenApiAnswerChecks;
import dev.passbridge.testsupport.EventCapture;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/admin/account-erasures} over real HTTP, PostgreSQL, Redis and Kafka, called on
 * auth-service directly (what the gateway checks, the service checks again): an administrator
 * erases a hosted account by its username, with the same effects as the owner's erasure, and can
 * repeat it by the user id; everyone else, a stale administrator sign-in, an administrator's
 * account and a malformed request change nothing.
 */
class AdministratorErasureIT extends IntegrationTestBase {
  private static final String PASSWORD = "correct horse battery";
  private static final String PATH = "/api/admin/account-erasures";

  private Reply erase(String sessionToken, Object body) {
    return sessionToken == null
        ? postJson(PATH, body)
        : postJson(PATH, body, "Cookie", "pb_session=" + sessionToken);
  }

  /** The answer against the service's OpenAPI document (its status, schema, problem code). */
  private void documented(Reply reply) {
    Reply docs = get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(
            OpenApiAnswerChecks.mismatches(
                docs.json(),
                "post",
                PATH,
                reply.status(),
                reply.header("Content-Type").orElse(null),
                reply.body()))
        .as("%s", reply.body())
        .isEmpty();
  }

  private record Signed(UUID userId, String token) {}

  /** A full login of a new account, made an administrator before it signs in. */
  private Signed administrator() {
    String name = uniqueName("admin");
    UUID id = register(name, PASSWORD);
    jdbc.sql("update user_account set roles = 'user,admin' where id = ?").param(id).update();
    return new Signed(id, anotherSession(id, name, PASSWORD));
  }

  private Signed user(String name) {
    String token = fullLogin(name, PASSWORD);
    return new Signed(UUID.fromString(me(token).json().path("userId").asString()), token);
  }

  private boolean revoked(String token) throws Exception {
    String sid = SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid");
    return Boolean.TRUE.equals(redis.hasKey("session:revoked:" + sid));
  }

  @Test
  void anAdministratorErasesAnAccountByItsUsernameAndCanRepeatItByItsId() throws Exception {
    Signed admin = administrator();
    String name = uniqueName("support");
    Signed user = user(name);
    String second = anotherSession(user.userId(), name, PASSWORD);

    try (var capture = EventCapture.of(bootstrap(), Topics.USER_ERASED)) {
      // any spelling of the name the person signs in with
      Reply r = erase(admin.token(), Map.of("username", name.toUpperCase(Locale.ROOT)));
      assertThat(r.status()).as(r.body()).isEqualTo(202);
      assertThat(r.header("Cache-Control")).hasValue("no-store");
      assertThat(r.json().path("userId").asString()).isEqualTo(user.userId().toString());
      assertThat(r.json().path("accountErased").asBoolean()).isTrue();
      assertThat(r.json().path("sessionsEnded").asInt()).isEqualTo(2);
      documented(r);
      UserErased erased = capture.await(UserErased.class, e -> e.userId().equals(user.userId()));
      assertThat(erased.eventId()).isEqualTo(UserErased.idFor(user.userId()));
    }
    assertThat(accountRows(user.userId())).isZero();
    for (String token : List.of(user.token(), second)) {
      assertThat(revoked(token)).isTrue();
      assertThat(me(token).status()).isEqualTo(401);
    }
    // the administrator's own session is not the user's: it goes on working
    assertThat(revoked(admin.token())).isFalse();
    assertThat(me(admin.token()).status()).isEqualTo(200);

    // by name again: the account is gone; by id: nothing to erase, its sessions end again
    Reply byName = erase(admin.token(), Map.of("username", name));
    assertThat(byName.status()).as(byName.body()).isEqualTo(404);
    assertThat(byName.problemCode()).isEqualTo("account-not-found");
    documented(byName);
    Reply byId = erase(admin.token(), Map.of("userId", user.userId().toString()));
    assertThat(byId.status()).as(byId.body()).isEqualTo(202);
    assertThat(byId.json().path("accountErased").asBoolean()).isFalse();
    assertThat(byId.json().path("sessionsEnded").asInt()).isEqualTo(2);

    // the name is free again, and the old password signs nobody in
    assertThat(login(name, PASSWORD).status()).isEqualTo(401);
    assertThat(register(name, "another horse battery")).isNotEqualTo(user.userId());
  }

  @Test
  void nobodyElseAndNoMalformedRequestErasesAnything() throws Exception {
    Signed admin = administrator();
    Signed otherAdmin = administrator();
    String name = uniqueName("keep");
    Signed user = user(name);
    Signed neighbour = user(uniqueName("neighbour"));

    try (var capture = EventCapture.of(bootstrap(), Topics.USER_ERASED)) {
      Reply none = erase(null, Map.of("username", name));
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.problemCode()).isEqualTo("unauthenticated");

      Reply byUser = erase(neighbour.token(), Map.of("username", name));
      assertThat(byUser.status()).as(byUser.body()).isEqualTo(403);
      assertThat(byUser.problemCode()).isEqualTo("forbidden");

      Reply foreign =
          postJson(
              PATH,
              Map.of("username", name),
              "Cookie",
              "pb_session=" + admin.token(),
              "Origin",
              "https://evil.example");
      assertThat(foreign.status()).as(foreign.body()).isEqualTo(403);
      assertThat(foreign.problemCode()).isEqualTo("origin-not-allowed");

      Reply unknown = erase(admin.token(), Map.of("username", uniqueName("nobody")));
      assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
      assertThat(unknown.problemCode()).isEqualTo("account-not-found");

      Reply both =
          erase(admin.token(), Map.of("username", name, "userId", user.userId().toString()));
      assertThat(both.status()).as(both.body()).isEqualTo(400);
      assertThat(both.problemCode()).isEqualTo("validation-failed");
      Reply neither = erase(admin.token(), Map.of());
      assertThat(neither.status()).as(neither.body()).isEqualTo(400);
      Reply badId = erase(admin.token(), Map.of("userId", "not-a-uuid"));
      assertThat(badId.status()).as(badId.body()).isEqualTo(400);
      assertThat(badId.problemCode()).isEqualTo("malformed-request");
      for (String odd : List.of("   ", "ali\u0000ce", "ali\u202Ece")) {
        Reply refused = erase(admin.token(), Map.of("username", odd));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.problemCode()).isEqualTo("validation-failed");
      }
      Reply notJson = post(PATH, "username=" + name, "Cookie", "pb_session=" + admin.token());
      assertThat(notJson.status()).as(notJson.body()).isBetween(400, 499);

      Reply anAdministrator =
          erase(admin.token(), Map.of("userId", otherAdmin.userId().toString()));
      assertThat(anAdministrator.status()).as(anAdministrator.body()).isEqualTo(409);
      assertThat(anAdministrator.problemCode()).isEqualTo("administrator-account");
      documented(anAdministrator);
      // an administrator's own account too: its owner deletes it on the dashboard
      Reply self = erase(admin.token(), Map.of("userId", admin.userId().toString()));
      assertThat(self.status()).as(self.body()).isEqualTo(409);

      Thread.sleep(500);
      assertThat(capture.events()).isEmpty();
    }
    for (Signed kept : List.of(user, neighbour, otherAdmin)) {
      assertThat(accountRows(kept.userId())).isEqualTo(1);
      assertThat(me(kept.token()).status()).isEqualTo(200);
    }
  }

  /**
   * An administrator's sign-in older than the recent-sign-in limit (10 minutes) erases nothing: 403
   * reauthentication-required; after signing in again it may.
   */
  @Test
  void aStaleAdministratorSignInMustSignInAgain() throws Exception {
    Signed admin = administrator();
    String name = uniqueName("later");
    Signed user = user(name);
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    try (var capture = EventCapture.of(bootstrap(), Topics.USER_ERASED)) {
      Reply refused = erase(admin.token(), Map.of("username", name));
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(refused.problemCode()).isEqualTo("reauthentication-required");
      assertThat(refused.json().path("detail").asString()).contains("erase an account");
      documented(refused);
      // before any lookup: a stale session cannot tell a name nobody has from a real one
      Reply unknown = erase(admin.token(), Map.of("username", uniqueName("nobody")));
      assertThat(unknown.status()).as(unknown.body()).isEqualTo(403);
      assertThat(unknown.problemCode()).isEqualTo("reauthentication-required");
      Thread.sleep(500);
      assertThat(capture.events()).isEmpty();
    }
    assertThat(accountRows(user.userId())).isEqualTo(1);

    Signed fresh = administrator();
    Reply erased = erase(fresh.token(), Map.of("username", name));
    assertThat(erased.status()).as(erased.body()).isEqualTo(202);
    assertThat(accountRows(user.userId())).isZero();
  }
}
