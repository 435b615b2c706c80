package dev.passbridge.gateway.session.internal;

import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * auth-service's public keys, fetched without blocking and cached: fresh keys for {@code ttl};
 * after that the cached keys keep serving while one background refresh runs (stale while
 * revalidate), and when auth-service cannot be reached the last good keys stay in use. A token with
 * an unknown {@code kid} (a rotated key) may force a refresh, at most once per {@code
 * minRefreshInterval}. Concurrent callers share one fetch.
 *
 * <p>Why not Nimbus' {@code JWKSourceBuilder} (which the servlet services use through
 * platform-core's {@code SessionVerifier}): its cache fetches through a blocking {@code
 * ResourceRetriever} on the calling thread, both on expiry and on an unknown {@code kid}; at the
 * gateway that thread is a Netty event loop, which must never block. Moving each lookup to a
 * bounded elastic scheduler would put a thread hop on every protected request for the rare refresh.
 * So this reactive refresher fetches with the non-blocking (load-balanced) {@code WebClient} and
 * hands the core a plain key set: the token checks themselves are platform-core's {@code
 * SessionTokenVerifier}, the same the services run.
 */
public final class RemoteJwks {
  private static final Logger log = LoggerFactory.getLogger(RemoteJwks.class);

  private final Supplier<Mono<String>> fetcher;
  private final Clock clock;
  private final Duration ttl;
  private final Duration minRefreshInterval;
  private final Duration timeout;
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
  private final AtomicReference<Mono<JWKSet>> inflight = new AtomicReference<>();
  private final AtomicReference<Instant> lastAttempt = new AtomicReference<>(Instant.MIN);

  record Snapshot(JWKSet keys, Instant fetchedAt) {}

  public RemoteJwks(
      Supplier<Mono<String>> fetcher,
      Clock clock,
      Duration ttl,
      Duration minRefreshInterval,
      Duration timeout) {
    this.fetcher = fetcher;
    this.clock = clock;
    this.ttl = ttl;
    this.minRefreshInterval = minRefreshInterval;
    this.timeout = timeout;
  }

  /** The key set to verify with now. Fails only when no keys were ever fetched. */
  public Mono<JWKSet> current() {
    Snapshot cached = snapshot.get();
    Instant now = clock.instant();
    if (cached == null) {
      return fetch();
    }
    if (!now.isBefore(cached.fetchedAt().plus(ttl)) && mayAttempt(now)) {
      fetch().subscribe(keys -> {}, error -> {});
    }
    return Mono.just(cached.keys());
  }

  /** After an unknown key id: fresh keys, unless the last fetch was too recent. */
  public Mono<JWKSet> refreshed() {
    Snapshot cached = snapshot.get();
    if (cached != null && !mayAttempt(clock.instant())) {
      return Mono.just(cached.keys());
    }
    return fetch()
        .onErrorResume(error -> cached != null ? Mono.just(cached.keys()) : Mono.error(error));
  }

  private boolean mayAttempt(Instant now) {
    return !now.isBefore(lastAttempt.get().plus(minRefreshInterval));
  }

  private Mono<JWKSet> fetch() {
    Mono<JWKSet> shared = inflight.get();
    if (shared != null) {
      return shared;
    }
    AtomicReference<Mono<JWKSet>> self = new AtomicReference<>();
    Mono<JWKSet> created =
        Mono.defer(
                () -> {
                  lastAttempt.set(clock.instant());
                  return fetcher.get();
                })
            .timeout(timeout)
            .map(RemoteJwks::publicKeys)
            .doOnNext(keys -> snapshot.set(new Snapshot(keys, clock.instant())))
            .doOnError(
                error ->
                    log.warn(
                        "could not fetch the session keys (JWKS): {}",
                        error.getClass().getSimpleName()))
            .doFinally(signal -> inflight.compareAndSet(self.get(), null))
            .cache();
    self.set(created);
    return inflight.compareAndSet(null, created) ? created : fetch();
  }

  static JWKSet publicKeys(String json) {
    try {
      return JWKSet.parse(json).toPublicJWKSet();
    } catch (ParseException e) {
      throw new IllegalStateException("the JWKS document is not a valid JWK set", e);
    }
  }
}
