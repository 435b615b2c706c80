package dev.passbridge.gateway.connection.internal;

import dev.passbridge.gateway.edge.SecurityHeaders;
import dev.passbridge.gateway.problem.ProblemWebAdapter;
import dev.passbridge.platform.core.problem.Problem;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.ssl.SslHandler;
import org.springframework.http.MediaType;

/**
 * Turns the bare answers Reactor Netty writes when the HTTP decoder fails (431 header fields too
 * large, 414 request line too long, 400 malformed request: empty body, {@code Connection: close},
 * written before any WebFlux filter runs) into the gateway's usual answer: an RFC 9457 problem with
 * a stable {@code type} and the security headers every other answer carries.
 */
@ChannelHandler.Sharable
final class DecodingFailureProblems extends ChannelOutboundHandlerAdapter {
  static final String NAME = "passbridge.decodingFailureProblems";

  private final SecurityHeaders securityHeaders;

  DecodingFailureProblems(SecurityHeaders securityHeaders) {
    this.securityHeaders = securityHeaders;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof FullHttpResponse response && isDecodingFailure(response)) {
      FullHttpResponse problem = problemFor(response, ctx.pipeline().get(SslHandler.class) != null);
      response.release();
      ctx.write(problem, promise);
      return;
    }
    super.write(ctx, msg, promise);
  }

  /** Reactor Netty's decoding-failure answer: 400/414/431, no body, no type, closing. */
  static boolean isDecodingFailure(FullHttpResponse response) {
    int status = response.status().code();
    return (status == 400 || status == 414 || status == 431)
        && !response.content().isReadable()
        && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)
        && response
            .headers()
            .containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
  }

  /** 414, 431, or for every other decoding failure 400 {@code malformed-request}. */
  static Problem problem(int status) {
    return Problem.ofStatus(status == 414 || status == 431 ? status : 400);
  }

  FullHttpResponse problemFor(FullHttpResponse bare, boolean secure) {
    byte[] body = ProblemWebAdapter.toJson(problem(bare.status().code()));
    FullHttpResponse problem =
        new DefaultFullHttpResponse(
            bare.protocolVersion(), bare.status(), Unpooled.wrappedBuffer(body));
    problem.headers().set(bare.headers());
    securityHeaders.headers(secure, false, false).forEach(problem.headers()::set);
    problem
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    return problem;
  }
}
