package dev.passbridge.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.platform.core.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ProblemWebAdapterTest {

  @Test
  void writesRfc9457WithExtensionMembersAtTheTopLevel() {
    Problem problem =
        Problem.of(HttpStatus.FORBIDDEN.value(), "origin-not-allowed", "Not from here.");
    String json = new String(ProblemWebAdapter.toJson(problem), StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"type\":\"https://passbridge.dev/problems/origin-not-allowed\","
                + "\"title\":\"Origin not allowed\",\"status\":403,"
                + "\"detail\":\"Not from here.\",\"code\":\"origin-not-allowed\"}");
  }

  @Test
  void roundsRetryAfterUpToWholeSeconds() {
    assertThat(Problem.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(Problem.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
    assertThat(Problem.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
  }
}
