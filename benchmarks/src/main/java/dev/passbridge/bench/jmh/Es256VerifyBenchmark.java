package dev.passbridge.bench.jmh;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Raw ES256 (ECDSA P-256, SHA-256) signature verification with the JDK's provider, of a message the
 * size WebAuthn signs (authenticator data + client data hash). Run with as many threads as cores,
 * it is the bound of passkey logins (one such verification each).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Es256VerifyBenchmark {
  private Signature verifier;
  private KeyPair keys;
  private byte[] message;
  private byte[] signature;

  @Setup
  public void setUp() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    keys = generator.generateKeyPair();
    message = new byte[37 + 32];
    new SecureRandom().nextBytes(message);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.getPrivate());
    signer.update(message);
    signature = signer.sign();
    verifier = Signature.getInstance("SHA256withECDSA");
  }

  @Benchmark
  public boolean verify() throws GeneralSecurityException {
    verifier.initVerify(keys.getPublic());
    verifier.update(message);
    return verifier.verify(signature);
  }
}
