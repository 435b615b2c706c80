package dev.passbridge.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * passkey-service's verifiers as the endpoints call them: registration of a conditional create
 * ("none" attestation, UP=0: parse + webauthn4j checks + COSE key extraction) and a passkey login
 * assertion (parse + user handle + COSE key decode + ES256 signature + counter and flags).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WebAuthnVerifyBenchmark {
  private WebAuthnFixture fixture;

  @Setup
  public void setUp() {
    fixture = new WebAuthnFixture();
  }

  @Benchmark
  public Object registrationVerify() {
    return fixture.verifyRegistration();
  }

  @Benchmark
  public Object assertionVerify() {
    return fixture.verifyAssertion();
  }
}
