package dev.passbridge.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.gateway.session.internal.RemoteJwks;
import dev.passbridge.gateway.support.MutableClock;
import dev.passbridge.testsupport.TestSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class RemoteJwksTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicReference<String> document =
      new AtomicReference<>(TestSessions.jwksJson(new TestSessions("k1")));
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

  private final RemoteJwks jwks =
      new RemoteJwks(
          () ->
              Mono.defer(
                  () -> {
                    fetches.incrementAndGet();
                    return failure.get() != null
                        ? Mono.<String>error(failure.get())
                        : Mono.just(document.get());
                  }),
          clock,
          Duration.ofMinutes(5),
          Duration.ofSeconds(30),
          Duration.ofSeconds(2));

  @Test
  void fetchesOnceAndServesFromTheCacheUntilTheTtl() {
    assertThat(jwks.current().block().getKeyByKeyId("k1")).isNotNull();
    jwks.current().block();
    clock.advance(Duration.ofMinutes(4));
    jwks.current().block();
    assertThat(fetches).hasValue(1);
  }

  @Test
  void refreshesInTheBackgroundAfterTheTtlWhileServingTheCachedKeys() {
    jwks.current().block();
    document.set(TestSessions.jwksJson(new TestSessions("k2")));
    clock.advance(Duration.ofMinutes(6));
    assertThat(jwks.current().block().getKeyByKeyId("k1")).isNotNull(); // stale, no waiting
    assertThat(fetches).hasValue(2);
    assertThat(jwks.current().block().getKeyByKeyId("k2")).isNotNull();
  }

  @Test
  void keepsTheLastGoodKeysWhenAuthServiceIsDown() {
    jwks.current().block();
    failure.set(new IllegalStateException("connection refused"));
    clock.advance(Duration.ofMinutes(10));
    assertThat(jwks.current().block().getKeyByKeyId("k1")).isNotNull();
    clock.advance(Duration.ofMinutes(1));
    assertThat(jwks.refreshed().block().getKeyByKeyId("k1")).isNotNull();
  }

  @Test
  void failsWhenNoKeysWereEverFetched() {
    failure.set(new IllegalStateException("connection refused"));
    assertThatThrownBy(() -> jwks.current().block()).hasMessageContaining("connection refused");
  }

  @Test
  void refreshesForAnUnknownKeyAtMostOncePerInterval() {
    jwks.current().block();
    document.set(TestSessions.jwksJson(new TestSessions("k2")));
    clock.advance(Duration.ofSeconds(31));
    assertThat(jwks.refreshed().block().getKeyByKeyId("k2")).isNotNull();
    assertThat(fetches).hasValue(2);
    // a flood of forged key ids right after: no further fetch
    for (int i = 0; i < 10; i++) {
      jwks.refreshed().block();
    }
    assertThat(fetches).hasValue(2);
  }

  @Test
  void dropsPrivateKeyMaterialFromTheDocument() throws Exception {
    var key =
        new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
            .keyID("k9")
            .generate();
    document.set(new com.nimbusds.jose.jwk.JWKSet(key).toString(false));
    assertThat(jwks.current().block().getKeyByKeyId("k9").isPrivate()).isFalse();
  }
}
