package dev.passbridge.gateway.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.gateway.edge.SecurityHeaders;
import dev.passbridge.gateway.edge.SecurityHeadersProperties;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecodingFailureProblemsTest {
  private final EmbeddedChannel channel =
      new EmbeddedChannel(
          new DecodingFailureProblems(
              new SecurityHeaders(
                  new SecurityHeadersProperties(
                      SecurityHeaders.DEFAULT_CSP,
                      "no-referrer",
                      SecurityHeaders.DEFAULT_PERMISSIONS_POLICY,
                      Duration.ofDays(365),
                      SecurityHeaders.DEFAULT_ACCEPT_CH))));

  /** What Reactor Netty writes when the HTTP decoder fails. */
  private static FullHttpResponse bare(int status) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.buffer(0));
    response
        .headers()
        .setInt(HttpHeaderNames.CONTENT_LENGTH, 0)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return response;
  }

  @ParameterizedTest
  @CsvSource({
    "431, request-header-fields-too-large",
    "414, uri-too-long",
    "400, malformed-request"
  })
  void decodingFailuresBecomeProblemsWithSecurityHeaders(int status, String code) {
    channel.writeOutbound(bare(status));
    FullHttpResponse written = channel.readOutbound();
    String body = written.content().toString(StandardCharsets.UTF_8);
    assertThat(written.status().code()).isEqualTo(status);
    assertThat(written.headers().get(HttpHeaderNames.CONTENT_TYPE))
        .isEqualTo("application/problem+json");
    assertThat(body)
        .contains("\"type\":\"https://passbridge.dev/problems/" + code + "\"")
        .contains("\"status\":" + status);
    assertThat(written.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
        .isEqualTo(written.content().readableBytes());
    assertThat(written.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
    assertThat(written.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(written.headers().get("Content-Security-Policy"))
        .isEqualTo(SecurityHeaders.DEFAULT_CSP);
    assertThat(written.headers().get("X-Frame-Options")).isEqualTo("DENY");
    assertThat(written.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
    // plain connection: no HSTS
    assertThat(written.headers().contains("Strict-Transport-Security")).isFalse();
    written.release();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 404, 431})
  void answersWithABodyOrKeptAlivePassUnchanged(int status) {
    FullHttpResponse withBody =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(status),
            Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8));
    withBody.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
    channel.writeOutbound(withBody);
    assertThat((Object) channel.readOutbound()).isSameAs(withBody);

    FullHttpResponse keptAlive =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.buffer(0));
    channel.writeOutbound(keptAlive);
    assertThat((Object) channel.readOutbound()).isSameAs(keptAlive);
    withBody.release();
    keptAlive.release();
  }
}
