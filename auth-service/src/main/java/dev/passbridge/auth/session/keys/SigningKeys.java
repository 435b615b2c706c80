package dev.passbridge.auth.session.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key ring of this instance: the keys from the {@link SigningKeyStore}, reloaded (and rotated
 * when due) by {@link #refresh()} on a schedule. Which key signs and which are published is decided
 * at each call from the clock, so a next key takes over on time between refreshes.
 */
public final class SigningKeys {
  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
  private static final long MISS_RELOAD_INTERVAL_NANOS = 10_000_000_000L;

  private final SigningKeyStore store;
  private final KeyRotationPolicy policy;
  private final Clock clock;
  private volatile List<SigningKey> keys = List.of();
  private volatile long lastMissReload = System.nanoTime() - MISS_RELOAD_INTERVAL_NANOS;

  public SigningKeys(SigningKeyStore store, KeyRotationPolicy policy, Clock clock) {
    this.store = store;
    this.policy = policy;
    this.clock = clock;
  }

  /** Loads the keys, creates the next one when due, and deletes those no token can need. */
  public synchronized void refresh() {
    Instant now = clock.instant();
    List<SigningKey> loaded = store.loadAll();
    Optional<Instant> next = policy.nextActivation(loaded, now);
    if (next.isPresent()) {
      int generation = loaded.stream().mapToInt(SigningKey::generation).max().orElse(0) + 1;
      SigningKey key = SigningKey.generate(generation, now, next.get());
      if (store.insert(key)) {
        log.info(
            "new session signing key {} (generation {}) published, signs from {}",
            key.kid(),
            generation,
            key.activatesAt());
      }
      loaded = store.loadAll();
    }
    List<SigningKey> kept = new ArrayList<>(loaded);
    for (SigningKey old : policy.removable(loaded, now)) {
      store.delete(old.kid());
      kept.remove(old);
      log.info("retired session signing key {} removed", old.kid());
    }
    keys = List.copyOf(kept);
  }

  /** Reloads without rotating, at most every 10 s: a token named a kid we do not know. */
  private void reloadOnMiss() {
    long now = System.nanoTime();
    if (now - lastMissReload < MISS_RELOAD_INTERVAL_NANOS) {
      return;
    }
    synchronized (this) {
      if (now - lastMissReload < MISS_RELOAD_INTERVAL_NANOS) {
        return;
      }
      lastMissReload = now;
      keys = List.copyOf(store.loadAll());
    }
  }

  /** The key that signs now. */
  public SigningKey current() {
    return policy
        .signing(keys, clock.instant())
        .orElseThrow(() -> new IllegalStateException("no session signing key loaded"));
  }

  /** The public keys of the JWKS, newest first. */
  public JWKSet publishedSet() {
    List<JWK> published = new ArrayList<>();
    List<SigningKey> list = new ArrayList<>(policy.published(keys, clock.instant()));
    list.sort((a, b) -> Integer.compare(b.generation(), a.generation()));
    list.forEach(k -> published.add(k.publicJwk()));
    return new JWKSet(published);
  }

  /** Local verification of session tokens (the platform's {@code SessionVerifier}). */
  public JWKSource<SecurityContext> verificationSource() {
    return (selector, context) -> {
      List<JWK> found = selector.select(publishedSet());
      if (found.isEmpty()) {
        reloadOnMiss();
        found = selector.select(publishedSet());
      }
      return found;
    };
  }
}
