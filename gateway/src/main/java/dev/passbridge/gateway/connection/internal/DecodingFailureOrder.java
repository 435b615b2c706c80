package dev.passbridge.gateway.connection.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.channel.ChannelOperations;

/**
 * Holds back a request the HTTP decoder could not read (header fields too large, request line too
 * long or malformed) while the previous request on the connection is still bound, and passes it on
 * once that request's operations have terminated.
 *
 * <p>Reactor Netty (1.3.6 and 1.3.8) answers a decoding failure through the operations bound to the
 * connection; when the previous request's answer has gone out but its operations have not yet
 * terminated (an answer finished off the event loop: a static file, a proxied answer, a Redis
 * reply), the failure answer is handed to those finished operations and never written: the client
 * waits for its 431 forever. Held until the terminated event, the failed request meets an idle
 * connection and gets its own answer (431, 414 or 400, then the connection closes). One handler per
 * connection; after a decoding failure the decoder discards the rest of the input, so at most one
 * request is ever held.
 */
final class DecodingFailureOrder extends ChannelInboundHandlerAdapter {
  static final String NAME = "passbridge.decodingFailureOrder";

  private HttpRequest held;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (held != null) {
      // the decoder is past a failure: nothing after it is a request anyone will answer
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request
        && request.decoderResult().isFailure()
        && ChannelOperations.get(ctx.channel()) != null) {
      held = request;
      return;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    super.userEventTriggered(ctx, event);
    if (held != null && KeepAliveReads.isOperationsTerminated(event)) {
      ctx.executor().execute(() -> release(ctx));
    }
  }

  private void release(ChannelHandlerContext ctx) {
    if (held == null || ctx.isRemoved() || !ctx.channel().isActive()) {
      return;
    }
    if (ChannelOperations.get(ctx.channel()) != null) {
      return; // another queued request is being served: wait for its end
    }
    HttpRequest request = held;
    held = null;
    ctx.fireChannelRead(request);
    ctx.fireChannelReadComplete();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (held != null) {
      ReferenceCountUtil.release(held);
      held = null;
    }
  }
}
