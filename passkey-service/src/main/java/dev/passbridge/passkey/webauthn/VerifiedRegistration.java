package dev.passbridge.passkey.webauthn;

import java.util.List;
import java.util.UUID;

/** What a verified registration yields: everything the credential store keeps. */
public record VerifiedRegistration(
    byte[] credentialId,
    byte[] coseKey,
    long algorithm,
    long signCount,
    UUID aaguid,
    List<String> transports,
    boolean backupEligible,
    boolean backupState,
    boolean userPresent,
    boolean userVerified,
    String attestationFormat) {

  public VerifiedRegistration {
    transports = List.copyOf(transports);
  }
}
