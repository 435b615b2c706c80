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

/**
 * auth-service's own Argon2id verification ({@link Argon2PasswordHasher}: Spring Security's encoder
 * on Bouncy Castle, as the login runs it) at the given parameters. Run with as many threads as the
 * machine has cores, its throughput is the hash bound of password logins.
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
  private String hash;

  @Setup
  public void setUp() {
    hasher = new Argon2PasswordHasher(memoryKib, iterations, 1, 64, Duration.ofMinutes(1));
    hash = hasher.hash(PASSWORD);
  }

  @Benchmark
  public boolean verify() {
    return hasher.verify(PASSWORD, hash);
  }
}
