package dev.passbridge.gateway.connection.internal;

import dev.passbridge.gateway.edge.SecurityHeaders;
import dev.passbridge.gateway.edge.SecurityHeadersProperties;
import io.netty.channel.ChannelPipeline;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * The gateway's own handlers on each HTTP/1.1 connection, around Reactor Netty's traffic handler:
 * unreadable request targets and unacceptable body framing made decoding failures ({@link
 * RequestTargetCheck}, {@link TransferEncodingCheck}), decoding failures answered as problems with
 * security headers ({@link DecodingFailureProblems}), in their turn ({@link DecodingFailureOrder}),
 * and kept-alive connections read again after every request ({@link KeepAliveReads}). See
 * docs/services/gateway.md, "Kept-alive connections".
 */
@Configuration(proxyBeanMethods = false)
class ConnectionConfiguration {

  @Bean
  NettyServerCustomizer gatewayConnectionHandlers(SecurityHeadersProperties securityHeaders) {
    DecodingFailureProblems problems =
        new DecodingFailureProblems(new SecurityHeaders(securityHeaders));
    return server ->
        server.doOnChannelInit(
            (observer, channel, remoteAddress) -> install(channel.pipeline(), problems));
  }

  static void install(ChannelPipeline pipeline, DecodingFailureProblems problems) {
    if (pipeline.get(NettyPipeline.HttpCodec) == null
        || pipeline.get(NettyPipeline.HttpTrafficHandler) == null) {
      return; // not an HTTP/1.1 connection
    }
    pipeline.addAfter(NettyPipeline.HttpCodec, DecodingFailureProblems.NAME, problems);
    pipeline.addBefore(
        NettyPipeline.HttpTrafficHandler, RequestTargetCheck.NAME, new RequestTargetCheck());
    pipeline.addBefore(
        NettyPipeline.HttpTrafficHandler, TransferEncodingCheck.NAME, new TransferEncodingCheck());
    pipeline.addBefore(
        NettyPipeline.HttpTrafficHandler, DecodingFailureOrder.NAME, new DecodingFailureOrder());
    pipeline.addAfter(
        NettyPipeline.HttpTrafficHandler, KeepAliveReads.NAME, KeepAliveReads.INSTANCE);
  }
}
