package dev.passbridge.gateway.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Netty's own request decoder in front of the check, fed the bytes a client sends. */
class TransferEncodingCheckTest {
  private final EmbeddedChannel channel =
      new EmbeddedChannel(new HttpRequestDecoder(), new TransferEncodingCheck());

  private void receive(String bytes) {
    channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
  }

  @Test
  void marksAnUnframedBodyFailedAndNeverReadsItAsARequest() {
    receive(
        "POST /api/auth/logout HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: xchunked\r\n\r\n"
            + "GET /api/me HTTP/1.1\r\nHost: localhost\r\nX-Smuggled: 1\r\n\r\n");
    HttpRequest refused = channel.readInbound();
    assertThat(refused.uri()).isEqualTo("/api/auth/logout");
    assertThat(refused.decoderResult().isFailure()).isTrue();
    assertThat((Object) channel.readInbound()).isNull();
    channel.finishAndReleaseAll();
  }

  @Test
  void passesChunkedRequestsAndWhatFollowsThem() {
    receive(
        "POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4\r\n{\"a\"\r\n4\r\n:1}\n\r\n0\r\n\r\n"
            + "GET /api/me HTTP/1.1\r\nHost: localhost\r\n\r\n");
    HttpRequest chunked = channel.readInbound();
    assertThat(chunked.decoderResult().isSuccess()).isTrue();
    StringBuilder body = new StringBuilder();
    for (HttpContent content = channel.readInbound();
        content != null;
        content = content instanceof LastHttpContent ? null : channel.readInbound()) {
      body.append(content.content().toString(StandardCharsets.UTF_8));
      content.release();
    }
    assertThat(body).hasToString("{\"a\":1}\n");
    HttpRequest next = channel.readInbound();
    assertThat(next.uri()).isEqualTo("/api/me");
    assertThat(next.decoderResult().isSuccess()).isTrue();
    channel.finishAndReleaseAll();
  }
}
