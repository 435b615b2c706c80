package dev.passbridge.platform.core.edge;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Whether a configured origin is written as a browser sends it in {@code Origin} and in WebAuthn's
 * {@code clientDataJSON.origin}: {@code http(s)://host[:port]}, lower case, no path, no user info,
 * and a port only where it is not the scheme's default, without leading zeros. Every comparison
 * with a configured origin is exact, so {@code https://login.example.com:443}, {@code
 * https://login.example.com/} or {@code https://Login.example.com} would never match and refuse
 * every request of the page: such a setting stops the start instead.
 */
public final class BrowserOrigins {
  private BrowserOrigins() {}

  public static boolean isBrowserOrigin(String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      return ("http".equals(scheme) || "https".equals(scheme))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null
          && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null
          && value.equals(value.toLowerCase(Locale.ROOT))
          && portAsABrowserWritesIt(value, scheme, uri.getPort());
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * The origins as configured, or {@link IllegalArgumentException} naming the property and the
   * first origin a browser would never send (origins are not secret).
   */
  public static List<String> require(String property, List<String> origins) {
    List<String> copy = origins == null ? List.of() : List.copyOf(origins);
    for (String origin : copy) {
      if (!isBrowserOrigin(origin)) {
        throw new IllegalArgumentException(
            property
                + ": '"
                + origin
                + "' is not an origin as a browser sends it (scheme://host[:port], lower case,"
                + " no path, no default port)");
      }
    }
    return copy;
  }

  private static boolean portAsABrowserWritesIt(String value, String scheme, int port) {
    if (port == -1) {
      return !value.endsWith(":");
    }
    int defaultPort = "https".equals(scheme) ? 443 : 80;
    return port != defaultPort && value.endsWith(":" + port);
  }
}
