package dev.passbridge.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class ProblemResponsesTest {

  @Test
  void writesRfc9457WithExtensionMembersAtTheTopLevel() {
    ProblemDetail problem =
        Problems.problem(HttpStatus.FORBIDDEN, "origin-not-allowed", "Not from here.");
    String json = new String(ProblemResponses.toJson(problem), StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"type\":\"https://passbridge.dev/problems/origin-not-allowed\","
                + "\"title\":\"Origin not allowed\",\"status\":403,"
                + "\"detail\":\"Not from here.\",\"code\":\"origin-not-allowed\"}");
  }

  @Test
  void roundsRetryAfterUpToWholeSeconds() {
    assertThat(Problems.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(Problems.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
    assertThat(Problems.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
  }
}
