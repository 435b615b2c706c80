package dev.passbridge.passkey.ceremony;

import java.time.Instant;

/** A passkey-login challenge as stored in Redis: single use, TTL-bound, not tied to a user. */
public record LoginCeremony(String ceremonyId, String challenge, Instant issuedAt) {}
