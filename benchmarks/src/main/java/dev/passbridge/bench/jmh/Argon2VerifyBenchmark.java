package dev.passbridge.bench.jmh;

import dev.passbridge.auth.password.Argon2PasswordHasher;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * auth-service's own Argon2id verification ({@link Argon2PasswordHasher}: our Argon2id on a reused
 * block memory per hashing thread, as the login runs it) at the given parameters. Run with as many
 * threads as the machine has cores, its throughput is the hash bound of password logins.
 *
 * <p>{@link #verifyBouncyCastle} verifies the same hash with Spring Security's {@code
 * Argon2PasswordEncoder} (Bouncy Castle's generator: fresh block objects on every call), the
 * previous implementation, so one report shows before and after. It runs on the benchmark's own
 * thread, without the hasher's semaphore and thread hand-off (microseconds against tens of ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Argon2VerifyBenchmark {
  static final String PASSWORD = "Bench-correct-horse-battery";

  @Param({"19456"})
  public int memoryKib;

  @Param({"2"})
  public int iterations;

  private Argon2PasswordHasher hasher;
  private Argon2PasswordEncoder bouncyCastle;
  private String hash;

  @Setup
  public void setUp() {
    // as auth-service configures it: one hashing slot (and one thread with its block memory) per
    // core, the JMH threads being as many as the cores
    hasher =
        new Argon2PasswordHasher(
            memoryKib,
            iterations,
            1,
            Runtime.getRuntime().availableProcessors(),
            Duration.ofMinutes(1));
    bouncyCastle =
        new Argon2PasswordEncoder(
            Argon2PasswordHasher.SALT_LENGTH,
            Argon2PasswordHasher.HASH_LENGTH,
            1,
            memoryKib,
            iterations);
    hash = hasher.hash(PASSWORD);
  }

  @Benchmark
  public boolean verify() {
    return hasher.verify(PASSWORD, hash);
  }

  @Benchmark
  public boolean verifyBouncyCastle() {
    return bouncyCastle.matches(PASSWORD, hash);
  }
}
