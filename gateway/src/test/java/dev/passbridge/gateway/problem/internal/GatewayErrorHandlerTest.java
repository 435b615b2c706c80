package dev.passbridge.gateway.problem.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.gateway.problem.PayloadTooLargeException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class GatewayErrorHandlerTest {

  private static String code(Throwable error) {
    return (String) GatewayErrorHandler.map(error).problem().code();
  }

  private static int status(Throwable error) {
    return GatewayErrorHandler.map(error).problem().status();
  }

  @Test
  void mapsAnUnreachableServiceTo503WithRetryAfter() {
    var mapped =
        GatewayErrorHandler.map(new IllegalStateException(new ConnectException("refused")));
    assertThat(mapped.problem().status()).isEqualTo(503);
    assertThat(mapped.retryAfter()).isNotNull();
    assertThat(code(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE)))
        .isEqualTo("service-unavailable");
  }

  @Test
  void mapsTimeoutsTo504() {
    assertThat(status(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT))).isEqualTo(504);
    assertThat(code(new TimeoutException())).isEqualTo("upstream-timeout");
  }

  @Test
  void mapsAConnectionResetByADyingServiceTo502NotTo500() {
    // what reactor-netty reports when a service instance is killed while it answers a request
    var reset =
        new IllegalStateException(
            new java.io.IOException("recvAddress(..) failed: Connection reset"));
    assertThat(status(reset)).isEqualTo(502);
    assertThat(code(reset)).isEqualTo("bad-gateway");
  }

  @Test
  void mapsClientErrorsToStableCodes() {
    assertThat(code(new ResponseStatusException(HttpStatus.NOT_FOUND))).isEqualTo("not-found");
    assertThat(code(new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED)))
        .isEqualTo("method-not-allowed");
    assertThat(code(new PayloadTooLargeException(10))).isEqualTo("payload-too-large");
    assertThat(status(new PayloadTooLargeException(10))).isEqualTo(413);
    assertThat(code(new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE)))
        .isEqualTo("unsupported-media-type");
  }

  @Test
  void hidesTheDetailsOfUnexpectedFailures() {
    var problem = GatewayErrorHandler.map(new NullPointerException("secret internals")).problem();
    assertThat(problem.status()).isEqualTo(500);
    assertThat(problem.detail()).doesNotContain("secret");
    assertThat(problem.code()).isEqualTo("internal-error");
  }

  @Test
  void aLoggedPathHoldsNoPlatformsUserId() {
    assertThat(GatewayErrorHandler.loggable("/connect/v1/users/carol@example.com/passkeys/abc"))
        .isEqualTo("/connect/v1/users/{externalUserId}/passkeys/abc");
    assertThat(GatewayErrorHandler.loggable("/connect/v1/users/4917612345678"))
        .isEqualTo("/connect/v1/users/{externalUserId}");
    assertThat(GatewayErrorHandler.loggable("/api/passkeys/abc")).isEqualTo("/api/passkeys/abc");
    assertThat(GatewayErrorHandler.loggable("/api/connect/v1/users/x"))
        .isEqualTo("/api/connect/v1/users/x");
  }
}
