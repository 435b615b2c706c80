package dev.passbridge.gateway.session;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.passbridge.platform.core.session.Session;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which exact token strings verified, so a browser's next request with the same cookie
 * skips the ES256 signature check (the dominant cost of the edge session check). An entry is used
 * only while the token has not expired and the key set still holds the very key that verified it (a
 * key removed from the JWKS invalidates its tokens at once). The revocation lookup is never cached.
 * Bounded: when full, it starts over. Plain Java.
 */
public final class VerifiedTokenCache {
  private final int maxEntries;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  private record Entry(Session session, JWK key) {}

  public VerifiedTokenCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  public Optional<Session> get(String token, JWKSet keys, Instant now) {
    if (maxEntries <= 0) {
      return Optional.empty();
    }
    Entry entry = entries.get(token);
    if (entry == null) {
      return Optional.empty();
    }
    JWK current = keys.getKeyByKeyId(entry.key().getKeyID());
    if (!now.isBefore(entry.session().expiresAt()) || !entry.key().equals(current)) {
      entries.remove(token, entry);
      return Optional.empty();
    }
    return Optional.of(entry.session());
  }

  public void put(String token, Session session, JWK key) {
    if (maxEntries <= 0 || key == null) {
      return;
    }
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    entries.put(token, new Entry(session, key));
  }

  int size() {
    return entries.size();
  }
}
