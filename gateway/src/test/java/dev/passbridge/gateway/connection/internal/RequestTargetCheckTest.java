package dev.passbridge.gateway.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetCheckTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/api/me",
        "/api/me?a=1&b=%7B",
        "/caf%C3%A9",
        "*",
        "http://localhost:8080/api/me",
        "/api/me?a=[1]"
      })
  void readableTargetsPass(String target) {
    assertThat(RequestTargetCheck.isReadable(target)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/caf\u00c3\u00a9",
        "/api/me?a=\u007f",
        "/api/me?a=\u0001",
        "/api/me?a={",
        "/api/me?a=|",
        "/api/me?a=%zz",
        "/api/%zz",
        "/api/me?a=\"",
        ""
      })
  void unreadableTargetsAreRefused(String target) {
    assertThat(RequestTargetCheck.isReadable(target)).isFalse();
  }

  @Test
  void marksTheRequestFailedAndDropsEverythingAfterIt() {
    EmbeddedChannel channel = new EmbeddedChannel(new RequestTargetCheck());
    HttpRequest good = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/me");
    channel.writeInbound(good, LastHttpContent.EMPTY_LAST_CONTENT);
    assertThat((Object) channel.readInbound()).isSameAs(good);
    assertThat(good.decoderResult().isSuccess()).isTrue();
    assertThat((Object) channel.readInbound()).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);

    HttpRequest bad = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/a?b={");
    HttpRequest next = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/me");
    channel.writeInbound(bad, LastHttpContent.EMPTY_LAST_CONTENT, next);
    assertThat((Object) channel.readInbound()).isSameAs(bad);
    assertThat(bad.decoderResult().isFailure()).isTrue();
    assertThat((Object) channel.readInbound()).isNull();
    channel.finishAndReleaseAll();
  }
}
