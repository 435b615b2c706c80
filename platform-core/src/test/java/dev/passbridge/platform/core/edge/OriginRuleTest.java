package dev.passbridge.platform.core.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginRuleTest {
  private static final List<String> ALLOWED = List.of("http://localhost:8080");

  @Test
  void letsSafeMethodsThroughWithoutOrigin() {
    assertThat(OriginRule.violation("GET", null, ALLOWED)).isEmpty();
    assertThat(OriginRule.violation("HEAD", List.of("https://evil.example"), ALLOWED)).isEmpty();
    assertThat(OriginRule.violation("OPTIONS", null, ALLOWED)).isEmpty();
  }

  @Test
  void refusesStateChangingRequestsWithoutOrFromAForeignOrigin() {
    for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "PROPFIND")) {
      assertThat(OriginRule.violation(method, null, ALLOWED))
          .hasValue("State-changing requests must carry an Origin header.");
      assertThat(OriginRule.violation(method, List.of(), ALLOWED)).isPresent();
      assertThat(OriginRule.violation(method, List.of("http://localhost:8081"), ALLOWED))
          .hasValue("Requests from this origin are not allowed.");
      assertThat(OriginRule.violation(method, List.of("null"), ALLOWED)).isPresent();
      assertThat(OriginRule.violation(method, List.of("http://localhost:8080"), ALLOWED)).isEmpty();
    }
  }

  @Test
  void refusesTwoOriginHeaders() {
    assertThat(
            OriginRule.violation(
                "POST", List.of("http://localhost:8080", "https://evil.example"), ALLOWED))
        .isPresent();
  }
}
