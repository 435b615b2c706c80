package dev.passbridge.gateway.connection.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;

/**
 * Turns a request the decoder read but the gateway refuses to read ({@link #refuses}) into a
 * decoding failure, so that it is answered like every request Netty's decoder cannot read: 400
 * {@code malformed-request} as a problem with the security headers ({@link
 * DecodingFailureProblems}), in its turn ({@link DecodingFailureOrder}), and the connection closed.
 *
 * <p>One handler per connection. Once a request is marked, nothing after it on the connection is
 * read (what Netty's decoder does after a real failure): its body and any pipelined request are
 * dropped, and the connection closes with the answer.
 */
abstract class RequestHeadCheck extends ChannelInboundHandlerAdapter {
  private final String reason;
  private boolean failed;

  RequestHeadCheck(String reason) {
    this.reason = reason;
  }

  /** Whether the gateway refuses this request, which the decoder read successfully. */
  abstract boolean refuses(HttpRequest request);

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (failed) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request
        && request.decoderResult().isSuccess()
        && refuses(request)) {
      failed = true;
      request.setDecoderResult(DecoderResult.failure(new IllegalArgumentException(reason)));
    }
    super.channelRead(ctx, msg);
  }
}
