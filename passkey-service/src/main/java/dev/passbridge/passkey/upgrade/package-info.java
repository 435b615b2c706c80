/**
 * The automatic upgrade after a password login, from start to end. Start: intelligence-service's
 * decision ({@code PasskeyEligible} / {@code PasskeyUpgradeSkipped}, first decision per login wins)
 * becomes a stored ceremony with its creation options, and {@code GET /api/passkeys/upgrade} waits
 * (bounded, without holding a thread) for it. Finish: {@code POST /api/passkeys/registrations}
 * verifies the credential under the ceremony's mode (through {@code webauthn.RegistrationVerifier})
 * and stores it with {@code PasskeyCreated}. Failure: the browser's {@code POST
 * /api/passkeys/upgrade/outcome} or a rejected credential ends the ceremony and records {@code
 * PasskeyUpgradeFailed} in the outbox before the decision is closed. {@link
 * dev.passbridge.passkey.upgrade.UpgradeEvents} is the port for that event; the Kafka listener, the
 * outbox adapter and the wiring are in {@code internal}. See docs/services/passkey-service.md.
 */
package dev.passbridge.passkey.upgrade;
