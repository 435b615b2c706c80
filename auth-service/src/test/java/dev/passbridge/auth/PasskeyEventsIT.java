package dev.passbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.SignedJWT;
import dev.passbridge.auth.passkeys.PasskeyProjection;
import dev.passbridge.contracts.events.LoginMethod;
import dev.passbridge.contracts.events.LoginSucceeded;
import dev.passbridge.contracts.events.PasskeyAuthenticated;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.ids.LoginBinding;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.testsupport.EventCapture;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What passkey-service's events do here: passkey logins and the hasPasskey projection. */
class PasskeyEventsIT extends IntegrationTestBase {
  @Autowired PasskeyProjection projection;

  @Test
  void passkeyAuthenticatedBecomesASessionWithHardwareKeyAmr() throws Exception {
    String username = uniqueName("pk");
    UUID userId = register(username, "correct horse battery");
    String loginId = "pk" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    var event =
        new PasskeyAuthenticated(UUID.randomUUID(), clock.instant(), userId, loginId, "cred-1");

    try (var capture = EventCapture.of(bootstrap(), Topics.LOGIN_SUCCEEDED)) {
      publish(event);
      publish(event); // delivered twice

      Reply session = session(loginId);
      assertThat(session.status()).as(session.body()).isEqualTo(200);
      SignedJWT jwt = verifyAgainstJwks(sessionCookie(session));
      assertThat(jwt.getJWTClaimsSet().getStringListClaim("amr")).containsExactly("hwk");
      assertThat(jwt.getJWTClaimsSet().getStringClaim("sid")).isEqualTo(loginId);
      assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(userId.toString());

      LoginSucceeded succeeded =
          capture.await(LoginSucceeded.class, e -> e.loginId().equals(loginId));
      assertThat(succeeded.method()).isEqualTo(LoginMethod.PASSKEY);

      publish(event); // a replay after the session: must not open the login again
      Thread.sleep(500);
      Reply again = session(loginId);
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.problemCode()).isEqualTo("login-already-used");
    }
  }

  /** A hosted passkey login carries its browser binding: only that browser gets the session. */
  @Test
  void aBoundPasskeyLoginGoesOnlyToTheBrowserHoldingItsBinding() throws Exception {
    UUID userId = register(uniqueName("pkb"), "correct horse battery");
    String loginId = "pk" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    String token = LoginBinding.newToken();
    publish(
        new PasskeyAuthenticated(
            UUID.randomUUID(),
            clock.instant(),
            userId,
            loginId,
            "cred-b",
            null,
            null,
            LoginBinding.digest(token)));
    Thread.sleep(300);

    Reply elsewhere = sessionFromElsewhere(loginId);
    assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(403);
    assertThat(elsewhere.problemCode()).isEqualTo("login-started-elsewhere");
    Reply mine = sessionFromElsewhere(loginId, "Cookie", LoginBinding.COOKIE + "=" + token);
    assertThat(mine.status()).as(mine.body()).isEqualTo(200);
  }

  @Test
  void passkeyCreatedAndDeletedDriveHasPasskey() {
    String username = uniqueName("proj");
    UUID userId = register(username, "correct horse battery");
    String loginId = loginId(username, "correct horse battery");
    publish(otpVerified(userId, loginId));
    String token = sessionCookie(session(loginId));
    assertThat(me(token).json().path("hasPasskey").asBoolean()).isFalse();

    PasskeyCreated created = created(userId, "cred-" + UUID.randomUUID());
    publish(created);
    publish(created); // duplicate
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> me(token).json().path("hasPasskey").asBoolean());

    publish(new PasskeyDeleted(UUID.randomUUID(), clock.instant(), userId, created.credentialId()));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> !me(token).json().path("hasPasskey").asBoolean());

    // a creation seen after its deletion (different topics, no cross-topic order) stays deleted
    publish(created);
    String other = "cred-" + UUID.randomUUID();
    publish(new PasskeyDeleted(UUID.randomUUID(), clock.instant(), userId, other));
    publish(created(userId, other));
    PasskeyCreated marker = created(userId, "cred-" + UUID.randomUUID());
    publish(marker);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> me(token).json().path("hasPasskey").asBoolean());
    publish(new PasskeyDeleted(UUID.randomUUID(), clock.instant(), userId, marker.credentialId()));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> !me(token).json().path("hasPasskey").asBoolean());
  }

  /**
   * A passkey event of a user auth-service does not know (erased: its UserErased was applied first,
   * and the passkey events travel on other topics) adds no row under that id; a known user's does.
   * Called on the projection the listener calls, so the answer does not hang on delivery order
   * across partitions.
   */
  @Test
  void passkeyEventsOfAnUnknownUserAddNoRow() {
    UUID gone = UUID.randomUUID();
    projection.created(gone, "cred-" + UUID.randomUUID(), clock.instant());
    projection.deleted(gone, "cred-" + UUID.randomUUID(), clock.instant());
    assertThat(projectionRows(gone)).isZero();

    UUID known = register(uniqueName("projk"), "correct horse battery");
    projection.created(known, "cred-" + UUID.randomUUID(), clock.instant());
    projection.deleted(known, "cred-" + UUID.randomUUID(), clock.instant());
    assertThat(projectionRows(known)).isEqualTo(2);
  }

  private long projectionRows(UUID userId) {
    return jdbc.sql("select count(*) from passkey_projection where user_id = ?")
        .param(userId)
        .query(Long.class)
        .single();
  }

  private PasskeyCreated created(UUID userId, String credentialId) {
    return new PasskeyCreated(
        UUID.randomUUID(),
        clock.instant(),
        userId,
        null,
        credentialId,
        "fbfc3007-154e-4ecc-8c0b-6e020557d7bd",
        "iCloud Keychain",
        UpgradeMode.CONDITIONAL,
        true,
        true,
        List.of("internal", "hybrid"),
        null);
  }
}
