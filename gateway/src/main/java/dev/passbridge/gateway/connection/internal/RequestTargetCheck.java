package dev.passbridge.gateway.connection.internal;

import dev.passbridge.gateway.edge.EdgeRules;
import io.netty.handler.codec.http.HttpRequest;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Refuses a request whose target cannot be read ({@link RequestHeadCheck}: 400 {@code
 * malformed-request}, nothing after it read, the connection closed), as every other request line
 * the gateway cannot read.
 *
 * <p>Netty's decoder reads any bytes as a target. Two kinds then went wrong further on:
 *
 * <ul>
 *   <li>a target {@link URI} refuses ({@code ?a={}, {@code |}, {@code "}, {@code ^}, a stray
 *       {@code %zz}, a control character): Spring's Reactor adapter cannot build the request's URI
 *       and answers a bare 400 with an empty body, no type and none of the security headers, on a
 *       connection it keeps open;
 *   <li>raw bytes outside visible ASCII ({@code é} sent as C3 A9, which {@link URI} accepts as
 *       "other" characters): read one character per byte and forwarded percent-encoded a second
 *       time ({@code %C3%83%C2%A9}), so the service was asked for another path. Tomcat refuses the
 *       same line with 400, and so does the gateway now ({@link
 *       EdgeRules#hasUnencodedCharacters}, which the edge filter also applies, for connections
 *       this handler is not on).
 * </ul>
 */
final class RequestTargetCheck extends RequestHeadCheck {
  static final String NAME = "passbridge.requestTargetCheck";

  RequestTargetCheck() {
    super("unreadable request target");
  }

  @Override
  boolean refuses(HttpRequest request) {
    return !isReadable(request.uri());
  }

  /** Whether the target is visible ASCII and a URI reference ({@code *} included). */
  static boolean isReadable(String target) {
    if (target == null || target.isEmpty() || EdgeRules.hasUnencodedCharacters(target)) {
      return false;
    }
    try {
      new URI(target);
      return true;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
