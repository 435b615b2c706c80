package dev.passbridge.gateway.connection.internal;

import dev.passbridge.gateway.edge.EdgeRules;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Refuses a request whose body framing the gateway could read differently from a server in front of
 * or behind it ({@link EdgeRules#hasAcceptableFraming}): a {@code Transfer-Encoding} that is not
 * exactly {@code chunked}, or one beside a {@code Content-Length} ({@link RequestHeadCheck}: 400
 * {@code malformed-request}, nothing after it read, the connection closed; RFC 9112 §6.1, §6.3).
 * Netty itself already refuses a {@code Transfer-Encoding} in an HTTP/1.0 request, two different
 * {@code Content-Length}s, and {@code chunked} beside a {@code Content-Length}.
 *
 * <p>Netty's decoder treats a body as chunked only when one listed coding is exactly {@code
 * chunked}; otherwise it takes the {@code Content-Length}, or without one an empty body, and keeps
 * the connection open. So {@code Transfer-Encoding: xchunked} (or {@code identity}, {@code gzip})
 * made the body's bytes the next request on the connection: a request smuggled past a front proxy
 * that framed the body by its transfer coding.
 */
final class TransferEncodingCheck extends RequestHeadCheck {
  static final String NAME = "passbridge.transferEncodingCheck";

  TransferEncodingCheck() {
    super("unacceptable message body framing");
  }

  @Override
  boolean refuses(HttpRequest request) {
    return !EdgeRules.hasAcceptableFraming(
        request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING),
        request.headers().contains(HttpHeaderNames.CONTENT_LENGTH));
  }
}
