package dev.passbridge.passkey.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyAuthenticated;
import dev.passbridge.contracts.ids.LoginBinding;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.webauthn.Base64Url;
import dev.passbridge.testsupport.EventCapture;
import dev.passbridge.testsupport.TestInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Passkey login (docs/services/passkey-service.md): discoverable-credential options, assertion,
 * PasskeyAuthenticated.
 */
class PasskeyLoginIT extends IntegrationTestBase {
  @org.springframework.beans.factory.annotation.Autowired
  dev.passbridge.passkey.credentials.PasskeyCredentials credentials;

  JsonNode options() {
    Http.Response r = http.post("/api/passkeys/login/options", null, Map.of());
    assertThat(r.status()).isEqualTo(200);
    return r.body();
  }

  Http.Response login(JsonNode options, JsonNode credential) {
    return http.post(
        "/api/passkeys/login",
        null,
        Map.of("ceremonyId", options.get("ceremonyId").asString(), "credential", credential));
  }

  Map<String, Object> row(String credentialId) {
    return jdbc.sql(
            "SELECT sign_count, backup_eligible, backup_state, last_used_at, counter_regression_at"
                + " FROM passkey_credential WHERE credential_id = :id")
        .param("id", credentialId)
        .query()
        .singleRow();
  }

  @Test
  void aPasskeyLoginPublishesPasskeyAuthenticatedWithAFreshLoginId() {
    UUID userId = UUID.randomUUID();
    String credentialId = enrol(userId, Flags.conditional());
    JsonNode options = options();
    JsonNode publicKey = options.get("publicKey");
    assertThat(publicKey.get("rpId").asString()).isEqualTo("localhost");
    assertThat(publicKey.get("allowCredentials")).isEmpty();
    assertThat(publicKey.get("userVerification").asString()).isEqualTo("preferred");
    assertThat(Base64Url.decode(publicKey.get("challenge").asString()).orElseThrow()).hasSize(32);
    assertThat(options.get("ceremonyId").asString()).hasSize(22);

    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.PASSKEY_AUTHENTICATED)) {
      JsonNode assertion = authenticator.authenticate(publicKey, credentialId);
      Http.Response r = login(options, assertion);
      assertThat(r.status()).isEqualTo(200);
      String loginId = r.body().get("loginId").asString();
      assertThat(loginId).matches("[A-Za-z0-9_-]{22}");
      PasskeyAuthenticated event =
          capture.await(PasskeyAuthenticated.class, e -> e.loginId().equals(loginId));
      assertThat(event.userId()).isEqualTo(userId);
      assertThat(event.credentialId()).isEqualTo(credentialId);
      // bound to this browser: the cookie for the session exchange, its digest in the event
      String cookie = r.setCookie(LoginBinding.COOKIE);
      assertThat(cookie)
          .isNotNull()
          .contains("HttpOnly", "Secure", "SameSite=Strict")
          .containsPattern("Path=/api(;|$)");
      String token = cookie.substring(LoginBinding.COOKIE.length() + 1, cookie.indexOf(';'));
      assertThat(event.loginBinding()).isNotNull().isEqualTo(LoginBinding.digest(token));

      // replaying the same assertion: its challenge is used up
      Http.Response replay = login(options, assertion);
      assertThat(replay.problemCode()).isEqualTo("challenge-expired");
      // and against a fresh challenge it answers the wrong one
      Http.Response wrongChallenge = login(options(), assertion);
      assertThat(wrongChallenge.problemCode()).isEqualTo("challenge-mismatch");
    }
    Map<String, Object> row = row(credentialId);
    assertThat(row.get("sign_count")).isEqualTo(1L);
    assertThat(row.get("last_used_at")).isNotNull();
  }

  @Test
  void theCredentialEnvelopeMustBeAPublicKeyCredentialOfItsOwnId() {
    String credentialId = enrol(UUID.randomUUID(), Flags.conditional());
    List<Consumer<ObjectNode>> breakages =
        List.of(
            c -> c.put("id", "!!!"),
            c -> c.put("id", 5),
            c -> c.put("type", "password"),
            c -> c.remove("type"));
    for (var breakage : breakages) {
      JsonNode options = options();
      ObjectNode assertion = authenticator.authenticate(options.get("publicKey"), credentialId);
      breakage.accept(assertion);
      Http.Response r = login(options, assertion);
      assertThat(r.status()).as(assertion.toString()).isEqualTo(400);
      assertThat(r.problemCode()).isEqualTo("malformed-credential");
    }
    // nothing was used: the counter and the last use are untouched
    Map<String, Object> row = row(credentialId);
    assertThat(row.get("sign_count")).isEqualTo(0L);
    assertThat(row.get("last_used_at")).isNull();
  }

  @Test
  void anUnknownCredentialIsNamedSoTheBrowserCanForgetIt() {
    String credentialId = enrol(UUID.randomUUID(), Flags.conditional());
    jdbc.sql("DELETE FROM passkey_credential WHERE credential_id = :id")
        .param("id", credentialId)
        .update();
    JsonNode options = options();
    Http.Response r =
        login(options, authenticator.authenticate(options.get("publicKey"), credentialId));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.problemCode()).isEqualTo("unknown-credential");
    assertThat(r.body().get("credentialId").asString()).isEqualTo(credentialId);
    assertThat(r.body().get("rpId").asString()).isEqualTo("localhost");
  }

  /** A credential id longer than any stored one (up to 1023 bytes and beyond) is unknown too. */
  @Test
  void anOverlongCredentialIdIsUnknownNotAFailure() {
    String credentialId = enrol(UUID.randomUUID(), Flags.conditional());
    for (int bytes : List.of(385, 1023, 1400)) {
      byte[] raw = new byte[bytes];
      RANDOM.nextBytes(raw);
      String longId = Base64Url.encode(raw);
      JsonNode options = options();
      ObjectNode assertion = authenticator.authenticate(options.get("publicKey"), credentialId);
      assertion.put("id", longId).put("rawId", longId);
      Http.Response r = login(options, assertion);
      assertThat(r.status()).as("%d bytes", bytes).isEqualTo(404);
      assertThat(r.problemCode()).isEqualTo("unknown-credential");
      assertThat(r.body().get("credentialId").asString()).isEqualTo(longId);
    }
    assertThat(row(credentialId).get("last_used_at")).isNull();
  }

  @Test
  void aCounterRegressionIsRejectedAndFlagged() {
    String credentialId = enrol(UUID.randomUUID(), Flags.conditional());
    JsonNode first = options();
    assertThat(
            login(
                    first,
                    authenticator.authenticate(
                        first.get("publicKey"), credentialId, Flags.standard().withCounter(7)))
                .status())
        .isEqualTo(200);
    JsonNode second = options();
    Http.Response r =
        login(
            second,
            authenticator.authenticate(
                second.get("publicKey"), credentialId, Flags.standard().withCounter(7)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problemCode()).isEqualTo("counter-regression");
    Map<String, Object> row = row(credentialId);
    assertThat(row.get("sign_count")).isEqualTo(7L);
    assertThat(row.get("counter_regression_at")).isNotNull();
  }

  /**
   * Two logins by one passkey at once, each on its own ceremony, with counters n and n + 1 (an
   * authenticator that signed twice): whichever is written first, n + 1 is growth. Before, the
   * update compared the counter read before verification, and a lost race was a regression: the
   * higher counter was refused and the passkey flagged as possibly cloned in most rounds.
   */
  @Test
  void aHigherCounterIsNeverARegressionWhateverWinsTheRace() throws Exception {
    String credentialId = enrol(UUID.randomUUID(), Flags.conditional());
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      for (int round = 0; round < 10; round++) {
        long lower = 10L * round + 1;
        JsonNode first = options();
        JsonNode second = options();
        JsonNode low =
            authenticator.authenticate(
                first.get("publicKey"), credentialId, Flags.standard().withCounter(lower));
        JsonNode high =
            authenticator.authenticate(
                second.get("publicKey"), credentialId, Flags.standard().withCounter(lower + 1));
        var start = new java.util.concurrent.CountDownLatch(1);
        var lowAnswer =
            pool.submit(
                () -> {
                  start.await();
                  return login(first, low);
                });
        var highAnswer =
            pool.submit(
                () -> {
                  start.await();
                  return login(second, high);
                });
        start.countDown();
        Http.Response h = highAnswer.get();
        Http.Response l = lowAnswer.get();
        assertThat(h.status()).as("round %d, counter %d: %s", round, lower + 1, h).isEqualTo(200);
        // the lower one is growth too when it came first, a regression when it came second
        assertThat(l.status()).as("round %d, counter %d: %s", round, lower, l).isIn(200, 400);
        assertThat(row(credentialId).get("sign_count")).isEqualTo(lower + 1);
      }
    }
  }

  /**
   * The use is written only while the counter grows (or both are 0), judged against the row as it
   * is at the update; a passkey deleted in the meantime is {@code GONE}, which the login answers as
   * {@code unknown-credential} (here the deletion comes just before the login), so the browser can
   * forget it: no regression, no flag.
   */
  @Test
  void aPasskeyDeletedDuringItsLoginIsUnknownNotARegression() {
    UUID userId = UUID.randomUUID();
    String credentialId = enrol(userId, Flags.conditional());
    assertThat(credentials.recordUse(credentialId, 0, false, false))
        .isEqualTo(dev.passbridge.passkey.credentials.CredentialStore.Use.RECORDED);
    assertThat(credentials.recordUse(credentialId, 0, false, false))
        .as("both counters 0: an authenticator without one")
        .isEqualTo(dev.passbridge.passkey.credentials.CredentialStore.Use.RECORDED);
    assertThat(credentials.recordUse(credentialId, 3, false, false))
        .isEqualTo(dev.passbridge.passkey.credentials.CredentialStore.Use.RECORDED);
    assertThat(credentials.recordUse(credentialId, 3, false, false))
        .isEqualTo(dev.passbridge.passkey.credentials.CredentialStore.Use.COUNTER_REGRESSION);
    assertThat(credentials.recordUse(credentialId, 0, false, false))
        .isEqualTo(dev.passbridge.passkey.credentials.CredentialStore.Use.COUNTER_REGRESSION);
    assertThat(row(credentialId).get("sign_count")).isEqualTo(3L);

    JsonNode o = options();
    JsonNode assertion =
        authenticator.authenticate(
            o.get("publicKey"), credentialId, Flags.standard().withCounter(0));
    assertThat(credentials.delete(userId, credentialId, null)).isTrue();
    Http.Response r = login(o, assertion);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.problemCode()).isEqualTo("unknown-credential");
    assertThat(r.body().get("credentialId").asString()).isEqualTo(credentialId);
    assertThat(credentials.recordUse(credentialId, 5, false, false))
        .isEqualTo(dev.passbridge.passkey.credentials.CredentialStore.Use.GONE);
  }

  @Test
  void zeroCountersStayAcceptable() {
    String credentialId = enrol(UUID.randomUUID(), Flags.conditional());
    for (int i = 0; i < 2; i++) {
      JsonNode o = options();
      assertThat(
              login(
                      o,
                      authenticator.authenticate(
                          o.get("publicKey"), credentialId, Flags.standard().withCounter(0)))
                  .status())
          .isEqualTo(200);
    }
  }

  @Test
  void backupEligibilityMayTurnOnAndIsStored() {
    String credentialId = enrol(UUID.randomUUID(), Flags.conditional());
    JsonNode o = options();
    assertThat(
            login(
                    o,
                    authenticator.authenticate(
                        o.get("publicKey"), credentialId, Flags.standard().withBackup(true, true)))
                .status())
        .isEqualTo(200);
    Map<String, Object> row = row(credentialId);
    assertThat(row.get("backup_eligible")).isEqualTo(true);
    assertThat(row.get("backup_state")).isEqualTo(true);
    // and may not turn off again
    JsonNode again = options();
    Http.Response r =
        login(
            again,
            authenticator.authenticate(
                again.get("publicKey"), credentialId, Flags.standard().withBackup(false, false)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problemCode()).isEqualTo("backup-flags-invalid");
    assertThat(row(credentialId).get("backup_eligible")).isEqualTo(true);
  }

  @Test
  void assertionFailuresGetTheirProblemTypes() {
    String credentialId = enrol(UUID.randomUUID(), Flags.conditional());
    JsonNode a = options();
    assertThat(
            login(
                    a,
                    authenticator.authenticate(
                        a.get("publicKey"), credentialId, Flags.standard().withCorruptSignature()))
                .problemCode())
        .isEqualTo("bad-signature");
    JsonNode b = options();
    assertThat(
            login(
                    b,
                    authenticator.authenticate(
                        b.get("publicKey"),
                        credentialId,
                        Flags.standard().withUserHandle(Base64Url.encode(new byte[16]))))
                .problemCode())
        .isEqualTo("user-handle-mismatch");
    JsonNode c = options();
    assertThat(
            login(
                    c,
                    authenticator.authenticate(
                        c.get("publicKey"), credentialId, Flags.standard().withUserPresent(false)))
                .problemCode())
        .isEqualTo("user-presence-missing");
    JsonNode d = options();
    assertThat(
            login(
                    d,
                    authenticator.authenticate(
                        d.get("publicKey"),
                        credentialId,
                        Flags.standard().withOrigin("https://evil.example")))
                .problemCode())
        .isEqualTo("origin-mismatch");
    assertThat(login(options(), Http.JSON.readTree("{\"id\":\"AAAA\"}")).problemCode())
        .isEqualTo("malformed-credential");
    assertThat(
            http.post(
                    "/api/passkeys/login",
                    null,
                    Map.of("ceremonyId", "unknown", "credential", Map.of("id", "x")))
                .problemCode())
        .isEqualTo("challenge-expired");
  }
}
