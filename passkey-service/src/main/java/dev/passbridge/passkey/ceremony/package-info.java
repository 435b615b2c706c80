/**
 * Ceremonies between two requests: what a registration (upgrade) ceremony, a login challenge and an
 * upgrade decision hold, that each ceremony is used at most once (taken, never read), that a
 * registration ceremony can only be taken by its owner, and that the first decision for a login
 * wins. {@link dev.passbridge.passkey.ceremony.CeremonyStore} is the port; the Redis adapter and
 * the wiring are in {@code internal}. See docs/services/passkey-service.md, "Storage".
 */
package dev.passbridge.passkey.ceremony;
