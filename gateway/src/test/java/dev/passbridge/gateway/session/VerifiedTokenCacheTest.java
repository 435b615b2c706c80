package dev.passbridge.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.passbridge.platform.core.session.Session;
import dev.passbridge.testsupport.TestSessions;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private final TestSessions k1 = new TestSessions("k1");
  private final JWKSet keys = k1.publicKeys();
  private final Session session =
      new Session(
          java.util.UUID.randomUUID(),
          "s",
          java.util.List.of(),
          Set.of("user"),
          NOW,
          NOW.plusSeconds(3600));

  @Test
  void remembersAVerifiedTokenUntilItExpires() {
    VerifiedTokenCache cache = new VerifiedTokenCache(10);
    cache.put("token", session, keys.getKeyByKeyId("k1"));
    assertThat(cache.get("token", keys, NOW)).contains(session);
    assertThat(cache.get("other", keys, NOW)).isEmpty();
    assertThat(cache.get("token", keys, NOW.plusSeconds(3600))).isEmpty();
    assertThat(cache.get("token", keys, NOW)).isEmpty(); // dropped once expired
  }

  @Test
  void forgetsTokensWhoseKeyLeftTheKeySet() {
    VerifiedTokenCache cache = new VerifiedTokenCache(10);
    cache.put("token", session, keys.getKeyByKeyId("k1"));
    assertThat(cache.get("token", new TestSessions("k2").publicKeys(), NOW)).isEmpty();
    // a different key under the same id does not count either
    cache.put("token", session, keys.getKeyByKeyId("k1"));
    assertThat(cache.get("token", new TestSessions("k1").publicKeys(), NOW)).isEmpty();
  }

  @Test
  void staysBoundedAndCanBeSwitchedOff() {
    VerifiedTokenCache cache = new VerifiedTokenCache(3);
    for (int i = 0; i < 10; i++) {
      cache.put("token" + i, session, keys.getKeyByKeyId("k1"));
    }
    assertThat(cache.size()).isLessThanOrEqualTo(3);
    VerifiedTokenCache off = new VerifiedTokenCache(0);
    off.put("token", session, keys.getKeyByKeyId("k1"));
    assertThat(off.get("token", keys, NOW)).isEmpty();
  }
}
