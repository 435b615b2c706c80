/**
 * WebAuthn verification, shared by the upgrade and the login: the relying-party policy (RP ID,
 * origins, algorithms, attestation formats), the strict webauthn4j {@code WebAuthnManager}, the
 * registration checks (WebAuthn §7.1) and the assertion checks (WebAuthn §7.2: signature, user
 * handle, counter, backup flags), the stable rejection codes and how webauthn4j's exceptions map to
 * them, and the options JSON records. Plain Java over webauthn4j; the wiring from {@code
 * passbridge.passkey.*} is in {@code internal}. See docs/services/passkey-service.md.
 */
package dev.passbridge.passkey.webauthn;
