package dev.passbridge.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Argon2id parameters: OWASP's recommendation and its equivalents pass, anything weaker fails. */
class PasswordHashingPropertiesTest {
  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();

  private static boolean valid(int memoryKib, int iterations) {
    return VALIDATOR
        .validate(new PasswordHashingProperties(memoryKib, iterations, 1, 0, Duration.ofSeconds(2)))
        .isEmpty();
  }

  @Test
  void acceptsOwaspsRecommendationAndItsEquivalents() {
    assertThat(valid(19456, 2)).isTrue();
    assertThat(valid(47104, 1)).isTrue();
    assertThat(valid(12288, 3)).isTrue();
    assertThat(valid(9216, 4)).isTrue();
    assertThat(valid(7168, 5)).as("Keycloak's default").isTrue();
    assertThat(valid(65536, 3)).isTrue();
  }

  @Test
  void refusesAnythingWeaker() {
    assertThat(valid(19456, 1)).isFalse();
    assertThat(valid(7168, 4)).isFalse();
    assertThat(valid(12288, 2)).isFalse();
    assertThat(valid(6144, 10)).as("below 7 MiB whatever the iterations").isFalse();
  }
}
