package dev.passbridge.gateway.edge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Which security headers a response gets: a pure function of the request's transport and kind. */
public final class SecurityHeaders {
  public static final String DEFAULT_CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
          + "object-src 'none'";
  public static final String DEFAULT_PERMISSIONS_POLICY =
      "publickey-credentials-create=(self), publickey-credentials-get=(self), camera=(), "
          + "microphone=(), geolocation=(), payment=(), usb=()";
  public static final String DEFAULT_ACCEPT_CH =
      "Sec-CH-UA-Platform-Version, Sec-CH-UA-Full-Version-List, Sec-CH-UA-Model, "
          + "Sec-CH-UA-Mobile, Sec-CH-UA-Platform";

  private final SecurityHeadersProperties properties;

  public SecurityHeaders(SecurityHeadersProperties properties) {
    this.properties = properties;
  }

  /**
   * @param secure the request came over TLS (to the gateway or to the proxy in front of it)
   * @param page the response is an HTML page (gets {@code Accept-CH})
   * @param api the response belongs to {@code /api/**} or another non-page resource
   */
  public Map<String, String> headers(boolean secure, boolean page, boolean api) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Security-Policy", properties.contentSecurityPolicy());
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", properties.referrerPolicy());
    headers.put("Permissions-Policy", properties.permissionsPolicy());
    headers.put("X-Frame-Options", "DENY");
    headers.put("Cross-Origin-Opener-Policy", "same-origin");
    headers.put("Cross-Origin-Resource-Policy", "same-origin");
    if (secure && !properties.hstsMaxAge().isZero()) {
      headers.put(
          "Strict-Transport-Security",
          "max-age=" + properties.hstsMaxAge().toSeconds() + "; includeSubDomains");
    }
    if (page
        && properties.acceptClientHints() != null
        && !properties.acceptClientHints().isBlank()) {
      headers.put("Accept-CH", properties.acceptClientHints());
    }
    return headers;
  }

  /** TLS at the gateway, or {@code X-Forwarded-Proto: https} from the proxy in front of it. */
  public static boolean isSecure(boolean sslInfoPresent, List<String> forwardedProto) {
    if (sslInfoPresent) {
      return true;
    }
    if (forwardedProto == null || forwardedProto.isEmpty()) {
      return false;
    }
    String first = forwardedProto.getFirst().split(",")[0].trim().toLowerCase(Locale.ROOT);
    return first.equals("https");
  }

  /**
   * Whether a path belongs to the web SDK ({@code /sdk/...}): its files are embedded by other
   * origins' pages, so they get {@code Cross-Origin-Resource-Policy: cross-origin}.
   */
  public static boolean isSdk(String path) {
    return path != null && path.startsWith("/sdk/");
  }

  /**
   * Whether a path belongs to the API viewer (Swagger UI, a development tool served in the local
   * profile only): its bundle sets inline styles, so it gets {@link #apiViewerPolicy}.
   */
  public static boolean isApiViewer(String path) {
    return path != null && (path.startsWith("/swagger-ui/") || path.equals("/swagger-ui.html"));
  }

  /**
   * The policy with inline styles allowed ({@code style-src 'self' 'unsafe-inline'}) and nothing
   * else changed: Swagger UI's bundle writes style attributes and elements as it renders, and each
   * was a CSP violation. Inline scripts stay refused.
   */
  public static String apiViewerPolicy(String policy) {
    return policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
  }

  /** Whether a response with this content type is a page (HTML). */
  public static boolean isPage(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html");
  }
}
