package dev.passbridge.gateway.ratelimit;

import static dev.passbridge.gateway.support.Backends.OTP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.gateway.AbstractGatewayIT;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * otp-resend is lowered to 3 per minute for this context; the other rules keep production values.
 */
class RateLimitIT extends AbstractGatewayIT {

  private WebTestClient.ResponseSpec resend() {
    return client
        .post()
        .uri("/api/otp/resend")
        .header("Origin", ORIGIN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"loginId\":\"abc\"}")
        .exchange();
  }

  @Test
  void answers429WithRetryAfterOverTheLimitAndCountsRulesSeparately() {
    for (int i = 0; i < 3; i++) {
      resend().expectStatus().isOk();
    }
    resend()
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .value(
            "Retry-After",
            value -> assertThat(Integer.parseInt(value)).isBetween(1, 20)) // one interval: 20 s
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://passbridge.dev/problems/rate-limited")
        .jsonPath("$.code")
        .isEqualTo("rate-limited")
        .jsonPath("$.retryAfterSeconds")
        .isNumber();
    assertThat(OTP.received("/api/otp/resend")).hasSize(3);

    // another rule, same client: unaffected
    client
        .post()
        .uri("/api/otp/verify")
        .header("Origin", ORIGIN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"loginId\":\"abc\",\"code\":\"123456\"}")
        .exchange()
        .expectStatus()
        .isOk();
    // unlimited paths: unaffected
    client.get().uri("/api/otp/status").exchange().expectStatus().isOk();
  }
}
