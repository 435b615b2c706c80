package dev.passbridge.contracts.events;

/** An event that belongs to one login transaction. */
public interface LoginEvent {
  /** 128 random bits, base64url without padding, issued by auth-service (or passkey-service). */
  String loginId();
}
