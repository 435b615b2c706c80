package dev.passbridge.passkey.webauthn;

/** The authenticator state an accepted assertion reports; persisted after verification. */
public record VerifiedAssertion(
    long signCount, boolean backupEligible, boolean backupState, boolean userVerified) {}
