package dev.passbridge.passkey.ceremony;

import java.time.Instant;

/**
 * A passkey-login challenge as stored in Redis: single use, TTL-bound, not tied to a user.
 *
 * @param clientId the connect client the login is for ({@code null}: a hosted login); the login
 *     must name the same one
 */
public record LoginCeremony(
    String ceremonyId, String challenge, Instant issuedAt, String clientId) {

  public LoginCeremony(String ceremonyId, String challenge, Instant issuedAt) {
    this(ceremonyId, challenge, issuedAt, null);
  }
}
