package dev.passbridge.gateway.paths;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;

/** The decoded path is the one the routes and path patterns match. */
class RequestPathsTest {

  @Test
  void decodesAsThePathPatternsMatch() {
    for (String raw :
        new String[] {
          "/%61pi/d%65v/sms", "/dev%2Dsms.html", "/api/otp/verify", "/caf%C3%A9", "/%E2%82%AC"
        }) {
      StringBuilder matched = new StringBuilder();
      for (PathContainer.Element e : PathContainer.parsePath(raw).elements()) {
        matched.append(e instanceof PathContainer.PathSegment s ? s.valueToMatch() : e.value());
      }
      assertThat(RequestPaths.decoded(raw)).as(raw).isEqualTo(matched.toString());
    }
    assertThat(RequestPaths.decoded("/%61pi/d%65v/sms")).isEqualTo("/api/dev/sms");
  }

  @Test
  void aPercentWithoutTwoHexDigitsStays() {
    assertThat(RequestPaths.decoded("/a%zz")).isEqualTo("/a%zz");
    assertThat(RequestPaths.decoded("/a%4")).isEqualTo("/a%4");
  }
}
