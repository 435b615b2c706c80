package dev.passbridge.auth.password;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.auth.password-hashing.*}: Argon2id parameters and the guard against hash
 * floods. The default is OWASP's first recommendation (m=19 MiB, t=2, p=1). OWASP's Password
 * Storage Cheat Sheet lists equally strong alternatives that trade memory for iterations: m=46 MiB
 * t=1, m=12 MiB t=3, m=9 MiB t=4, m=7 MiB t=5 (Keycloak's default). Any combination at least that
 * strong is accepted: memory ≥ 7 MiB and memory × iterations ≥ 7 MiB × 5; anything weaker stops the
 * start.
 *
 * @param memoryKib Argon2 memory cost in KiB (19456 = 19 MiB; at least 7168)
 * @param iterations Argon2 time cost (with {@code memoryKib}: see above)
 * @param parallelism Argon2 lanes
 * @param maxConcurrent hashes allowed to run at once (each holds {@code memoryKib} of heap); 0
 *     means one per CPU core
 * @param queueTimeout how long a request waits for a hashing slot before it gets 503
 */
@Validated
@ConfigurationProperties("passbridge.auth.password-hashing")
public record PasswordHashingProperties(
    @DefaultValue("19456") @Min(7168) @Max(4_194_304) int memoryKib,
    @DefaultValue("2") @Min(1) @Max(100) int iterations,
    @DefaultValue("1") @Min(1) @Max(64) int parallelism,
    @DefaultValue("0") @Min(0) @Max(1024) int maxConcurrent,
    @DefaultValue("2s") @NotNull Duration queueTimeout) {

  /** OWASP's equivalent configurations all cost at least m=7 MiB × t=5. */
  public static final long MIN_MEMORY_TIMES_ITERATIONS = 7168L * 5;

  @AssertTrue(
      message =
          "Argon2id weaker than OWASP's recommendations: memory-kib × iterations must be at least"
              + " 35840 (m=19456 t=2, m=12288 t=3, m=9216 t=4, m=7168 t=5, or stronger)")
  public boolean isOwaspStrength() {
    return (long) memoryKib * iterations >= MIN_MEMORY_TIMES_ITERATIONS;
  }

  public int effectiveMaxConcurrent() {
    return maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
  }
}
