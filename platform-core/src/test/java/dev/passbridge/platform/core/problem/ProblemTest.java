package dev.passbridge.platform.core.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

  @Test
  void isAnRfc9457DocumentWithExtensionMembersAtTheTopLevel() {
    Problem problem = Problem.originNotAllowed("Not from here.").with("retryAfterSeconds", 2L);
    assertThat(problem.members())
        .containsExactly(
            java.util.Map.entry("type", "https://passbridge.dev/problems/origin-not-allowed"),
            java.util.Map.entry("title", "Origin not allowed"),
            java.util.Map.entry("status", 403),
            java.util.Map.entry("detail", "Not from here."),
            java.util.Map.entry("code", "origin-not-allowed"),
            java.util.Map.entry("retryAfterSeconds", 2L));
    assertThat(List.copyOf(Problem.of(404, "not-found", null).members().keySet()))
        .containsExactly("type", "title", "status", "code");
  }

  @Test
  void roundsRetryAfterUpToWholeSeconds() {
    assertThat(Problem.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(Problem.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
    assertThat(Problem.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
  }

  @Test
  void catalogueEntriesCarryTheirStatusAndCode() {
    assertThat(Problem.unauthenticated("x").status()).isEqualTo(401);
    assertThat(Problem.payloadTooLarge(10).detail()).contains("10 bytes");
    assertThat(Problem.serviceUnavailable("x").type().toString())
        .isEqualTo("https://passbridge.dev/problems/service-unavailable");
  }
}
