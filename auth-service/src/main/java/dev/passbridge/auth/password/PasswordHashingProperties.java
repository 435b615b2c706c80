package dev.passbridge.auth.password;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.auth.password-hashing.*}: Argon2id parameters (OWASP minimum: m=19 MiB, t=2,
 * p=1; raise them, never lower them below that) and the guard against hash floods.
 *
 * @param memoryKib Argon2 memory cost in KiB (19456 = 19 MiB)
 * @param iterations Argon2 time cost
 * @param parallelism Argon2 lanes
 * @param maxConcurrent hashes allowed to run at once (each holds {@code memoryKib} of heap); 0
 *     means one per CPU core
 * @param queueTimeout how long a request waits for a hashing slot before it gets 503
 */
@Validated
@ConfigurationProperties("passbridge.auth.password-hashing")
public record PasswordHashingProperties(
    @DefaultValue("19456") @Min(19456) @Max(4_194_304) int memoryKib,
    @DefaultValue("2") @Min(2) @Max(100) int iterations,
    @DefaultValue("1") @Min(1) @Max(64) int parallelism,
    @DefaultValue("0") @Min(0) @Max(1024) int maxConcurrent,
    @DefaultValue("2s") @NotNull Duration queueTimeout) {

  public int effectiveMaxConcurrent() {
    return maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
  }
}
