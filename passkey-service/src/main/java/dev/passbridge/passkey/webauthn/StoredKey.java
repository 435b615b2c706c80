package dev.passbridge.passkey.webauthn;

import java.util.UUID;

/** The parts of a stored credential an assertion is verified against. */
public record StoredKey(
    byte[] credentialId,
    byte[] userHandle,
    byte[] coseKey,
    UUID aaguid,
    long signCount,
    boolean backupEligible,
    boolean backupState) {}
