package dev.passbridge.gateway.edge;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The gateway's own request rules as pure functions: which methods are served, which paths are well
 * formed, which client headers claim an identity and must never reach a service. (The Origin rule
 * is shared with the services: platform-core's {@code OriginRule}.)
 */
public final class EdgeRules {
  private EdgeRules() {}

  static final Set<String> SERVED =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

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

  /** The Connect server API: called by a platform's backend, not by a browser. */
  public static final String SERVER_API_PREFIX = "/connect/";

  /**
   * Whether a request goes to the Connect server API. It carries client credentials ({@code
   * Authorization: Basic}) that the service checks, no cookie, and no {@code Origin} (a backend
   * sends none), so the Origin rule (a CSRF defence for cookie requests) does not apply to it.
   */
  public static boolean isServerApi(String rawPath) {
    return rawPath != null && rawPath.startsWith(SERVER_API_PREFIX);
  }

  public static boolean isServed(String method) {
    return SERVED.contains(method);
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

  /**
   * Whether a raw path or query holds a character a request target may not carry unencoded (RFC
   * 9112 §3.2, RFC 3986: visible ASCII only; everything else is percent-encoded). Reactor Netty
   * reads such bytes one character each, so {@code é} sent raw would be forwarded as {@code
   * %C3%83%C2%A9} (its bytes encoded a second time) and reach the service as another path; Tomcat
   * refuses the same request line with 400, and so does the gateway.
   */
  public static boolean hasUnencodedCharacters(String raw) {
    if (raw == null) {
      return false;
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a request's body framing is one the gateway reads exactly as any server behind or in
   * front of it would (RFC 9112 §6.1, §6.3): no {@code Transfer-Encoding} at all (the body is then
   * framed by {@code Content-Length}, which Netty checks), or {@code chunked} as the one and only
   * transfer coding (on any number of header lines, case-insensitive, empty list elements ignored)
   * without a {@code Content-Length}. Netty decodes a body as chunked only when one listed coding
   * is exactly {@code chunked}; with any other coding last ({@code xchunked}, {@code identity},
   * {@code gzip}, {@code chunked;x=1}) the body was unframed, so its bytes were read as the next
   * request, and with a {@code Content-Length} beside it the length was used. The gateway decodes
   * no other coding, so {@code gzip, chunked} is refused too.
   *
   * @param transferEncodings every {@code Transfer-Encoding} header line's value, in order
   * @param contentLength whether a {@code Content-Length} header is present
   */
  public static boolean hasAcceptableFraming(
      List<String> transferEncodings, boolean contentLength) {
    if (transferEncodings.isEmpty()) {
      return true;
    }
    if (contentLength) {
      return false;
    }
    List<String> codings =
        transferEncodings.stream()
            .flatMap(value -> Arrays.stream(value.split(",", -1)))
            .map(EdgeRules::trimOptionalWhitespace)
            .filter(coding -> !coding.isEmpty())
            .toList();
    return codings.size() == 1 && codings.getFirst().equalsIgnoreCase("chunked");
  }

  /** A list element without the spaces and tabs around it (RFC 9110 OWS; nothing else). */
  private static String trimOptionalWhitespace(String element) {
    int start = 0;
    int end = element.length();
    while (start < end && isSpaceOrTab(element.charAt(start))) {
      start++;
    }
    while (end > start && isSpaceOrTab(element.charAt(end - 1))) {
      end--;
    }
    return element.substring(start, end);
  }

  private static boolean isSpaceOrTab(char c) {
    return c == ' ' || c == '\t';
  }

  /** Whether the client sent this header and the edge must drop it before routing. */
  public static boolean isIdentityHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return IDENTITY_HEADERS.contains(lower) || lower.startsWith(PASSBRIDGE_HEADER_PREFIX);
  }
}
