package dev.passbridge.gateway.connect;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which origins the edge's Origin rule accepts on a request, given Connect mode: a connect client's
 * pages call the browser API ({@code /api/passkeys/**}) with a connect token ({@code Authorization:
 * Bearer}, never with the cookie: the gateway drops the cookie of such a request) and the passkey
 * login ({@code /api/passkeys/login/**}) for their client; both may come from any client origin
 * (the service then checks the token's or the named client's origins exactly). The server API
 * ({@code /connect/v1/**}) is called by backends with HTTP Basic and no cookie: no Origin rule.
 * Everything else keeps the hosted allowlist. Plain functions over the request's path (as the edge
 * rules let it through: no dot or empty segments, nothing encoded) and headers.
 */
public final class ConnectOrigins {
  private ConnectOrigins() {}

  /** What the Origin rule applies to a request. */
  public enum Rule {
    /** The hosted allowlist only. */
    HOSTED,
    /** The hosted allowlist and every client origin (the service checks which client). */
    HOSTED_OR_CLIENT,
    /** No Origin rule (server API: Basic authentication, no cookie). */
    NONE
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  public static Rule ruleFor(String path, List<String> authorization) {
    if (under(path, "/connect/v1")) {
      return Rule.NONE;
    }
    if (under(path, "/api/passkeys/login")
        || (under(path, "/api/passkeys") && isBearer(authorization))) {
      return Rule.HOSTED_OR_CLIENT;
    }
    return Rule.HOSTED;
  }

  /** Exactly one {@code Authorization: Bearer ...} header. */
  public static boolean isBearer(List<String> authorization) {
    return authorization != null
        && authorization.size() == 1
        && authorization.getFirst().regionMatches(true, 0, "Bearer ", 0, 7);
  }

  /** The connect token of a Bearer header. */
  public static String bearerToken(List<String> authorization) {
    return authorization.getFirst().substring(7).strip();
  }

  /** Whether the gateway answers CORS for this path (client origins only). */
  public static boolean corsPath(String path) {
    return under(path, "/api/passkeys") || under(path, "/sdk");
  }

  /**
   * The client origins that are not under the RP ID's domain (they need WebAuthn related origins).
   */
  public static List<String> relatedOrigins(Set<String> clientOrigins, String rpId) {
    String rp = rpId.toLowerCase(Locale.ROOT);
    return clientOrigins.stream()
        .filter(
            origin -> {
              String host = URI.create(origin).getHost();
              host = host == null ? "" : host.toLowerCase(Locale.ROOT);
              return !(host.equals(rp) || host.endsWith("." + rp));
            })
        .sorted()
        .toList();
  }
}
