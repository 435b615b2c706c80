package dev.passbridge.passkey.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.platform.core.session.SessionRevocations;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * passkey-service called directly (not through the gateway) refuses a session auth-service revoked:
 * the revocation is written the way auth-service's logout writes it, {@code session:revoked:<sid>}
 * with a TTL. Health on the public port shows the status only.
 */
class RevokedSessionIT extends IntegrationTestBase {
  @Autowired StringRedisTemplate redis;

  @Test
  void aLoggedOutSessionIsRefusedOnEverySessionRoute() {
    UUID alice = UUID.randomUUID();
    String passkey = enrol(alice, Flags.conditional());
    String sid = loginId();
    String session = TestSessions.token(alice, sid);
    assertThat(http.get("/api/passkeys", session).status()).isEqualTo(200);

    redis.opsForValue().set("session:revoked:" + sid, "1", Duration.ofHours(1));
    assertThat(SessionRevocations.key(sid)).isEqualTo("session:revoked:" + sid);

    for (Http.Response r :
        new Http.Response[] {
          http.get("/api/passkeys", session),
          http.get("/api/passkeys/upgrade", session),
          http.patch("/api/passkeys/" + passkey, session, Map.of("name", "stolen")),
          http.delete("/api/passkeys/" + passkey, session)
        }) {
      assertThat(r.status()).as("%s", r).isEqualTo(401);
      assertThat(r.problemCode()).isEqualTo("unauthenticated");
    }
    // nothing changed: another (live) session of the owner still sees the passkey, unrenamed
    String live = TestSessions.token(alice, loginId());
    Http.Response list = http.get("/api/passkeys", live);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).hasSize(1);
    assertThat(list.body().get(0).get("name").asString()).isNotEqualTo("stolen");
  }

  @Test
  void healthShowsTheStatusButNoDetailsOnThePublicPort() {
    Http.Response health = http.get("/actuator/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().get("status").asString()).isEqualTo("UP");
    assertThat(health.body().has("components")).isFalse();
    assertThat(health.body().toString()).doesNotContain("version", "clusterId");
  }
}
