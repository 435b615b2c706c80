package dev.passbridge.gateway.connection.internal;

import dev.passbridge.gateway.edge.EdgeRules;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Turns a request whose target cannot be read into a decoding failure, so that it is answered like
 * every other request line the gateway cannot read: 400 {@code malformed-request} as a problem with
 * the security headers ({@link DecodingFailureProblems}), in its turn ({@link
 * DecodingFailureOrder}), and the connection closed.
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
 *
 * One handler per connection. Once a request is marked, nothing after it on the connection is read
 * (what Netty's decoder does after a real failure): its body and any pipelined request are dropped,
 * and the connection closes with the answer.
 */
final class RequestTargetCheck extends ChannelInboundHandlerAdapter {
  static final String NAME = "passbridge.requestTargetCheck";

  private boolean failed;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (failed) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request
        && request.decoderResult().isSuccess()
        && !isReadable(request.uri())) {
      failed = true;
      request.setDecoderResult(
          DecoderResult.failure(new IllegalArgumentException("unreadable request target")));
    }
    super.channelRead(ctx, msg);
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
