package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.Platform;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What the rules know about one login: from PasswordAuthenticated and how its second factor ended.
 *
 * @param capabilities the browser's {@code getClientCapabilities()}; a missing key counts as false
 */
public record LoginFacts(
    UUID userId,
    String loginId,
    SecondFactorOutcome secondFactor,
    boolean autofilled,
    Map<String, Boolean> capabilities,
    Platform platform) {

  public static final String CONDITIONAL_CREATE = "conditionalCreate";
  public static final String PASSKEY_PLATFORM_AUTHENTICATOR = "passkeyPlatformAuthenticator";
  public static final String USER_VERIFYING_PLATFORM_AUTHENTICATOR =
      "userVerifyingPlatformAuthenticator";

  public LoginFacts {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(loginId, "loginId");
    Objects.requireNonNull(secondFactor, "secondFactor");
    capabilities = capabilities == null ? Map.of() : Map.copyOf(capabilities);
    Objects.requireNonNull(platform, "platform");
  }

  public boolean capability(String name) {
    return Boolean.TRUE.equals(capabilities.get(name));
  }
}
