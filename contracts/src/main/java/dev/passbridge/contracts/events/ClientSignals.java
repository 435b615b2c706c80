package dev.passbridge.contracts.events;

import java.util.Map;

/**
 * What the browser told us about itself at password login.
 *
 * @param autofilled the password field matched {@code :autofill} at submit and received no typing
 * @param capabilities the map of {@code PublicKeyCredential.getClientCapabilities()}; a missing key
 *     counts as {@code false}
 * @param userAgent the User-Agent header
 * @param hints User-Agent client hints (headers and {@code navigator.userAgentData} high-entropy
 *     values)
 */
public record ClientSignals(
    boolean autofilled,
    Map<String, Boolean> capabilities,
    @Nullable String userAgent,
    Map<String, String> hints) {

  public ClientSignals {
    capabilities = Require.map(capabilities, "capabilities");
    Require.optionalText(userAgent, "userAgent");
    hints = Require.map(hints, "hints");
  }

  public boolean capability(String name) {
    return Boolean.TRUE.equals(capabilities.get(name));
  }
}
