package dev.passbridge.auth.session.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When to make the next signing key, which key signs, which keys the JWKS publishes and which can
 * go. A next key is created {@code publishLead} before it takes over, so verifiers that cache the
 * JWKS see it before the first token it signs; a retired key stays published until the last token
 * it signed has expired ({@code tokenLifetime} after its successor took over, plus clock skew).
 */
public final class KeyRotationPolicy {
  static final Duration SKEW = Duration.ofMinutes(1);

  private final Duration rotationPeriod;
  private final Duration publishLead;
  private final Duration tokenLifetime;

  public KeyRotationPolicy(Duration rotationPeriod, Duration publishLead, Duration tokenLifetime) {
    if (publishLead.compareTo(rotationPeriod) >= 0) {
      throw new IllegalArgumentException("publishLead must be shorter than rotationPeriod");
    }
    this.rotationPeriod = rotationPeriod;
    this.publishLead = publishLead;
    this.tokenLifetime = tokenLifetime;
  }

  /** The newest key that has activated; the oldest key if none has (a clock set back). */
  public Optional<SigningKey> signing(List<SigningKey> keys, Instant now) {
    Optional<SigningKey> active =
        keys.stream()
            .filter(k -> !k.activatesAt().isAfter(now))
            .max(Comparator.comparingInt(SigningKey::generation));
    return active.isPresent()
        ? active
        : keys.stream().min(Comparator.comparingInt(SigningKey::generation));
  }

  /**
   * When a new key should activate, if one should be created now: at once when there are no keys;
   * otherwise when the signing key's period is within {@code publishLead} of its end and no next
   * key is waiting.
   */
  public Optional<Instant> nextActivation(List<SigningKey> keys, Instant now) {
    if (keys.isEmpty()) {
      return Optional.of(now);
    }
    if (keys.stream().anyMatch(k -> k.activatesAt().isAfter(now))) {
      return Optional.empty();
    }
    SigningKey current = signing(keys, now).orElseThrow();
    Instant due = current.activatesAt().plus(rotationPeriod);
    if (now.isBefore(due.minus(publishLead))) {
      return Optional.empty();
    }
    Instant earliest = now.plus(publishLead);
    return Optional.of(due.isAfter(earliest) ? due : earliest);
  }

  /** Keys the JWKS lists: the waiting next key, the signing key, and retired keys still needed. */
  public List<SigningKey> published(List<SigningKey> keys, Instant now) {
    return keys.stream().filter(k -> isPublished(k, keys, now)).toList();
  }

  /** Retired keys no unexpired token can refer to. */
  public List<SigningKey> removable(List<SigningKey> keys, Instant now) {
    return keys.stream().filter(k -> !isPublished(k, keys, now)).toList();
  }

  private boolean isPublished(SigningKey key, List<SigningKey> keys, Instant now) {
    if (key.activatesAt().isAfter(now)) {
      return true;
    }
    SigningKey current = signing(keys, now).orElseThrow();
    if (key.generation() >= current.generation()) {
      return true;
    }
    Optional<SigningKey> successor =
        keys.stream()
            .filter(k -> k.generation() > key.generation())
            .min(Comparator.comparingInt(SigningKey::generation));
    return successor
        .map(s -> s.activatesAt().plus(tokenLifetime).plus(SKEW).isAfter(now))
        .orElse(true);
  }
}
