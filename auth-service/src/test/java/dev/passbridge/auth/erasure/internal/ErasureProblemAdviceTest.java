package dev.passbridge.auth.erasure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.auth.erasure.ErasureIncompleteException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * 503 {@code erasure-incomplete}: an administrator's answer names the user id and says to send it
 * (the username may be free by then); the owner's says to send the same request again.
 */
class ErasureProblemAdviceTest {
  private final ErasureProblemAdvice advice = new ErasureProblemAdvice();

  @Test
  void anAdministratorsIncompleteErasureNamesTheUserIdToSend() {
    UUID userId = UUID.randomUUID();
    var answer =
        advice.incomplete(
            new ErasureIncompleteException(userId, new IllegalStateException("Redis went away")));
    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
    assertThat(answer.getBody().getProperties())
        .containsEntry("userId", userId.toString())
        .containsEntry("code", "erasure-incomplete");
    assertThat(answer.getBody().getDetail()).contains("userId").doesNotContain("same request");
  }

  @Test
  void theOwnersIncompleteErasureAsksForTheSameRequestAgain() {
    var answer =
        advice.incomplete(new ErasureIncompleteException(new IllegalStateException("no row")));
    assertThat(answer.getBody().getProperties()).doesNotContainKey("userId");
    assertThat(answer.getBody().getDetail()).contains("Send the same request again");
  }
}
