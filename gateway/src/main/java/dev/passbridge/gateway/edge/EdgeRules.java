package dev.passbridge.gateway.edge;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The request rules of the edge as pure functions: which methods are served, which paths are well
 * formed, which state-changing requests carry an allowed {@code Origin}, which client headers claim
 * an identity and must never reach a service.
 */
public final class EdgeRules {
  private EdgeRules() {}

  static final Set<HttpMethod> SERVED =
      Set.of(
          HttpMethod.GET,
          HttpMethod.HEAD,
          HttpMethod.POST,
          HttpMethod.PUT,
          HttpMethod.PATCH,
          HttpMethod.DELETE,
          HttpMethod.OPTIONS);

  static final Set<HttpMethod> STATE_CHANGING =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  /** Identity headers a client may try to smuggle in; matched case-insensitively. */
  static final Set<String> IDENTITY_HEADERS =
      Set.of(
          "x-user-id",
          "x-user",
          "x-userid",
          "x-forwarded-user",
          "x-forwarded-email",
          "x-forwarded-preferred-username",
          "x-remote-user",
          "remote-user",
          "x-auth-user",
          "x-authenticated-user",
          "x-authenticated-userid");

  /** Every header starting with this is ours to set, never the client's. */
  static final String PASSBRIDGE_HEADER_PREFIX = "x-passbridge-";

  /** The verified user id the gateway adds for protected routes (informational for services). */
  public static final String VERIFIED_USER_HEADER = "X-Passbridge-User";

  public static boolean isServed(HttpMethod method) {
    return SERVED.contains(method);
  }

  public static boolean isStateChanging(HttpMethod method) {
    return STATE_CHANGING.contains(method);
  }

  /** The Origin outcome of a request: empty when allowed, else the reason it is not. */
  public static Optional<String> originViolation(
      HttpMethod method, List<String> origins, List<String> allowed) {
    if (!isStateChanging(method)) {
      return Optional.empty();
    }
    if (origins == null || origins.isEmpty()) {
      return Optional.of("State-changing requests must carry an Origin header.");
    }
    if (origins.size() > 1 || !allowed.contains(origins.getFirst())) {
      return Optional.of("Requests from this origin are not allowed.");
    }
    return Optional.empty();
  }

  /**
   * A raw request path the gateway refuses to interpret: dot segments, empty segments, encoded
   * slashes, backslashes or dots, NUL, path parameters. Services behind the gateway may normalise
   * such paths differently from the gateway's own matching (so {@code
   * /api/passkeys/login/../upgrade} could pass the edge as a public login path and reach a
   * protected endpoint); refusing them closes that gap.
   */
  public static boolean isMalformedPath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      return true;
    }
    String lower = rawPath.toLowerCase(Locale.ROOT);
    if (lower.contains("//")
        || lower.contains("\\")
        || lower.contains(";")
        || lower.contains("%2e")
        || lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%00")
        || lower.contains("%25")) {
      return true;
    }
    for (String segment : rawPath.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the client sent this header and the edge must drop it before routing. */
  public static boolean isIdentityHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return IDENTITY_HEADERS.contains(lower) || lower.startsWith(PASSBRIDGE_HEADER_PREFIX);
  }

  /** Removes every identity header from a (mutable) header map. */
  public static void stripIdentityHeaders(HttpHeaders headers) {
    List<String> names =
        headers.headerNames().stream().filter(EdgeRules::isIdentityHeader).toList();
    names.forEach(headers::remove);
  }
}
