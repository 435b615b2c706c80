package dev.passbridge.otp.issue;

import java.util.UUID;

/**
 * The port through which the issuer claims {@code PasswordAuthenticated} event ids, so a
 * redelivered or replayed event has no second effect on any instance, while one whose earlier
 * delivery stopped half-way is carried on. Redis in production ({@code
 * internal.EventDeduplicator}).
 */
public interface EventClaims {

  /** How far an event got before this delivery. */
  enum Claim {
    /** Nobody had it: this delivery claimed it. */
    FIRST,
    /** An earlier delivery claimed it but did not get as far as storing the code. */
    UNFINISHED,
    /** An earlier delivery stored its code (or found it needs none). */
    DONE
  }

  /** Claims the event; {@link Claim#FIRST} exactly once per event id (within the TTL). */
  Claim claim(UUID eventId);

  /** The event's code is stored, or the event needs none: a redelivery has nothing to redo. */
  void done(UUID eventId);

  /** Processing failed: let the redelivery through as a first delivery. */
  void forget(UUID eventId);
}
