package dev.passbridge.passkey.credentials;

import dev.passbridge.contracts.events.UpgradeMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A passkey as the credential store keeps it.
 *
 * @param credentialId base64url of the raw credential id (the primary key)
 * @param userHandle base64url of the WebAuthn {@code user.id} it was created for
 * @param publicKey the COSE_Key as the authenticator returned it
 * @param algorithm COSE algorithm identifier, e.g. -7
 * @param upgradeMode how it was created ({@code null} if not through an upgrade ceremony)
 * @param counterRegressionAt when an assertion with a non-increasing counter was last seen (a
 *     possible clone); {@code null} if never
 * @param tenant the connect tenant whose user it belongs to ({@code null}: a hosted passkey)
 * @param externalUserId that tenant's own id of the user ({@code null}: a hosted passkey)
 */
public record StoredCredential(
    String credentialId,
    UUID userId,
    String userHandle,
    byte[] publicKey,
    long algorithm,
    long signCount,
    UUID aaguid,
    List<String> transports,
    boolean backupEligible,
    boolean backupState,
    String attestationFormat,
    UpgradeMode upgradeMode,
    String name,
    String providerName,
    Instant createdAt,
    Instant lastUsedAt,
    Instant counterRegressionAt,
    String tenant,
    String externalUserId) {

  public StoredCredential {
    transports = List.copyOf(transports);
  }

  /** Whether it belongs to a user of this connect tenant. */
  public boolean ownedByTenant(String connectTenant) {
    return tenant != null && tenant.equals(connectTenant);
  }
}
