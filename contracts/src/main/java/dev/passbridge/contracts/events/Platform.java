package dev.passbridge.contracts.events;

/**
 * The client platform as auth-service parsed it from the User-Agent and client hints.
 *
 * @param os operating system name, e.g. {@code iOS}, {@code Mac OS}, {@code Windows}, {@code
 *     Android}; {@code Unknown} when not recognised
 * @param osVersion major[.minor] version when known (Safari on a Mac freezes it, so it is often
 *     absent there)
 * @param browser browser name, e.g. {@code Safari}, {@code Chrome}, {@code Edge}, {@code Firefox}
 * @param browserVersion major[.minor] version when known
 * @param deviceClass {@code Desktop}, {@code Phone}, {@code Tablet} or {@code Unknown}
 */
public record Platform(
    String os,
    @Nullable String osVersion,
    String browser,
    @Nullable String browserVersion,
    String deviceClass) {

  public static final String UNKNOWN = "Unknown";

  public Platform {
    Require.text(os, "os");
    Require.optionalText(osVersion, "osVersion");
    Require.text(browser, "browser");
    Require.optionalText(browserVersion, "browserVersion");
    Require.text(deviceClass, "deviceClass");
  }

  public static Platform unknown() {
    return new Platform(UNKNOWN, null, UNKNOWN, null, UNKNOWN);
  }

  /** A short stable label for dashboards and per-platform cooldowns, e.g. {@code iOS/Safari}. */
  public String label() {
    return os + "/" + browser;
  }
}
