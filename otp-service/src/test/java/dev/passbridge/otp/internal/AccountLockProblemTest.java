package dev.passbridge.otp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountLockProblemTest {

  @Test
  void saysHowLongTheLockLastsInWholeMinutesRoundedUp() {
    assertThat(AccountLockProblem.detail(Duration.ofMinutes(60))).contains("the next 60 minutes");
    assertThat(AccountLockProblem.detail(Duration.ofSeconds(3_541)))
        .contains("the next 60 minutes");
    assertThat(AccountLockProblem.detail(Duration.ofSeconds(61))).contains("the next 2 minutes");
    assertThat(AccountLockProblem.detail(Duration.ofSeconds(1))).contains("the next minute");
  }

  @Test
  void answers429WithRetryAfterAndAStableType() {
    var response = AccountLockProblem.response(Duration.ofMillis(90_500));
    assertThat(response.getStatusCode().value()).isEqualTo(429);
    assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("91");
    assertThat(response.getBody().getType().toString())
        .isEqualTo("https://passbridge.dev/problems/otp-account-locked");
    assertThat(response.getBody().getProperties()).containsEntry("code", "otp-account-locked");
  }
}
