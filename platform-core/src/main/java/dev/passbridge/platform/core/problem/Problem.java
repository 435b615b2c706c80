package dev.passbridge.platform.core.problem;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem as plain data, the one catalogue the services (through platform) and the
 * gateway answer with: a stable {@code type} per failure, {@code https://passbridge.dev/problems/
 * <code>}, the same {@code code} as an extension member, a title derived from the code. Clients
 * switch on {@code code}, never on title or detail. Adapters turn it into their framework's
 * response ({@link #members()} is the JSON document).
 *
 * @param status the HTTP status
 * @param code the stable code (lower-case words joined by dashes)
 * @param detail the human-readable explanation (may be null)
 * @param properties further extension members, written at the top level
 */
public record Problem(int status, String code, String detail, Map<String, Object> properties) {
  public static final String TYPE_BASE = "https://passbridge.dev/problems/";

  public static final String UNAUTHENTICATED = "unauthenticated";
  public static final String FORBIDDEN = "forbidden";
  public static final String NOT_FOUND = "not-found";
  public static final String SERVICE_UNAVAILABLE = "service-unavailable";
  public static final String ORIGIN_NOT_ALLOWED = "origin-not-allowed";
  public static final String PAYLOAD_TOO_LARGE = "payload-too-large";

  public Problem {
    properties = Map.copyOf(properties);
  }

  public static Problem of(int status, String code, String detail) {
    return new Problem(status, code, detail, Map.of());
  }

  public static Problem unauthenticated(String detail) {
    return of(401, UNAUTHENTICATED, detail);
  }

  public static Problem forbidden(String detail) {
    return of(403, FORBIDDEN, detail);
  }

  public static Problem notFound() {
    return of(404, NOT_FOUND, "There is nothing at this address.");
  }

  public static Problem serviceUnavailable(String detail) {
    return of(503, SERVICE_UNAVAILABLE, detail);
  }

  public static Problem originNotAllowed(String detail) {
    return of(403, ORIGIN_NOT_ALLOWED, detail);
  }

  public static Problem payloadTooLarge(long limitBytes) {
    return of(413, PAYLOAD_TOO_LARGE, "The request body is larger than " + limitBytes + " bytes.");
  }

  /**
   * 406 for an {@code Accept} header that cannot be parsed: the same code as an {@code Accept} that
   * admits no JSON, since either way no answer the client asked for can be written.
   */
  public static Problem unreadableAccept() {
    return of(
        406,
        codeFor(406),
        "The Accept header could not be read; send application/json or application/problem+json.");
  }

  /** This problem with one more extension member. */
  public Problem with(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(properties);
    more.put(name, value);
    return new Problem(status, code, detail, more);
  }

  public URI type() {
    return URI.create(TYPE_BASE + code);
  }

  public String title() {
    return title(code);
  }

  /**
   * The document's members in RFC 9457 order: type, title, status, detail (when present), then the
   * extension members ({@code code} first) at the top level.
   */
  public Map<String, Object> members() {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("type", type().toString());
    members.put("title", title());
    members.put("status", status);
    if (detail != null) {
      members.put("detail", detail);
    }
    members.put("code", code);
    properties.forEach(members::putIfAbsent);
    return members;
  }

  /**
   * Whole seconds for {@code Retry-After} (and {@code retryAfterSeconds}): rounded up, at least 1.
   */
  public static long retryAfterSeconds(Duration retryAfter) {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }

  /**
   * The code of an answer that only has a status (a framework's own error: no route, wrong method,
   * an unreadable request line): one stable code per status.
   */
  public static String codeFor(int status) {
    return switch (status) {
      case 400 -> "malformed-request";
      case 401 -> UNAUTHENTICATED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 408 -> "request-timeout";
      case 413 -> PAYLOAD_TOO_LARGE;
      case 414 -> "uri-too-long";
      case 415 -> "unsupported-media-type";
      case 431 -> "request-header-fields-too-large";
      case 503 -> SERVICE_UNAVAILABLE;
      default -> status >= 500 ? "internal-error" : "http-" + status;
    };
  }

  /**
   * A problem for an answer that only has a status, with a plain sentence that names nothing
   * internal.
   */
  public static Problem ofStatus(int status) {
    String detail =
        switch (status) {
          case 400 -> "The request could not be read.";
          case 404 -> "There is nothing at this address.";
          case 405 -> "This method is not allowed at this address.";
          case 414 -> "The request line is too long.";
          case 431 -> "The request header fields are too large.";
          default -> status >= 500 ? "Something went wrong on our side." : null;
        };
    return of(status, codeFor(status), detail);
  }

  /** {@code "origin-not-allowed"} becomes {@code "Origin not allowed"}. */
  public static String title(String code) {
    String words = code.replace('-', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
