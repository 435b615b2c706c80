package dev.passbridge.gateway.connection.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import reactor.netty.channel.ChannelOperations;

/**
 * Re-arms reading on a kept-alive HTTP/1.1 connection once a request's operations have ended and no
 * next request is being served.
 *
 * <p>Reactor Netty reads on demand: after each request something must call {@code read()} again. In
 * 1.3.6 (reactor/reactor-netty#4361, fixed in 1.3.8) one path forgets it: a request that arrives
 * before the previous request's operations have terminated is queued together with its end-of-body
 * marker; when it is taken from the queue and answered synchronously (the gateway's own
 * 401/403/404/405 from a web filter), its termination finds the marker still queued and schedules
 * another drain instead of a read, the drain finds nothing, and nobody reads the connection again.
 * The next request on it is never read, never answered, and the connection stays open. This handler
 * sits after Reactor Netty's {@code HttpTrafficHandler}, sees the same "operations terminated"
 * event and, once the tasks that event scheduled have run, reads if the connection is idle (no
 * operations bound), which is the check 1.3.8 adds. An extra read on an idle connection is
 * harmless: whatever arrives goes through the traffic handler's usual queueing.
 */
@ChannelHandler.Sharable
final class KeepAliveReads extends ChannelInboundHandlerAdapter {
  static final String NAME = "passbridge.keepAliveReads";
  static final KeepAliveReads INSTANCE = new KeepAliveReads();

  /** Package-private in Reactor Netty; matched by name. */
  static final String TERMINATED_EVENT =
      "reactor.netty.http.server.HttpServerOperationsTerminatedEvent";

  private KeepAliveReads() {}

  static boolean isOperationsTerminated(Object event) {
    return event != null && event.getClass().getName().equals(TERMINATED_EVENT);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (isOperationsTerminated(event)) {
      ctx.executor()
          .execute(
              () -> {
                if (!ctx.isRemoved()
                    && ctx.channel().isActive()
                    && ChannelOperations.get(ctx.channel()) == null) {
                  ctx.read();
                }
              });
    }
    super.userEventTriggered(ctx, event);
  }
}
