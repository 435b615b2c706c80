package dev.passbridge.passkey.credentials;

import java.util.List;

/**
 * A passkey as a ceremony names it ({@code excludeCredentials}): its id and the transports its
 * authenticator reported, nothing else of the row.
 *
 * @param credentialId base64url
 */
public record CredentialRef(String credentialId, List<String> transports) {
  public CredentialRef {
    transports = List.copyOf(transports);
  }
}
