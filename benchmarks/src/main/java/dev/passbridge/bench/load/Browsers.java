package dev.passbridge.bench.load;

import java.util.Map;

/** The clients the journeys pretend to be (User-Agent, capabilities, autofill). */
public final class Browsers {
  private Browsers() {}

  /** Chrome 140 on macOS: above the conditional-create threshold (136), so it upgrades silently. */
  public static final String CHROME_MAC =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/140.0.0.0 Safari/537.36";

  /** Firefox on Windows: no conditional create, no platform authenticator reported. */
  public static final String FIREFOX_WINDOWS =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";

  public static final Map<String, Boolean> CONDITIONAL_CAPABLE =
      Map.of(
          "conditionalCreate", true,
          "conditionalGet", true,
          "passkeyPlatformAuthenticator", true,
          "userVerifyingPlatformAuthenticator", true);

  /** The web app's {@code client} object of {@code POST /api/auth/login}. */
  public static Map<String, Object> client(boolean autofilled, Map<String, Boolean> capabilities) {
    return Map.of("autofilled", autofilled, "capabilities", capabilities, "hints", Map.of());
  }
}
