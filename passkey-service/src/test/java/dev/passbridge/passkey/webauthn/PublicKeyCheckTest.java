package dev.passbridge.passkey.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.authenticator.Curve;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.authenticator.EdDSACOSEKey;
import com.webauthn4j.data.attestation.authenticator.RSACOSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Public keys that can never verify are refused; every real key of every curve is accepted. */
class PublicKeyCheckTest {

  static Optional<RejectionCode> code(COSEKey key) {
    return PublicKeyCheck.problem(key).map(Rejection::code);
  }

  static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  static EC2COSEKey ec(String curveName, COSEAlgorithmIdentifier alg) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curveName));
    return EC2COSEKey.create((ECPublicKey) g.generateKeyPair().getPublic(), alg);
  }

  static RSACOSEKey rsa(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return RSACOSEKey.create(
        (RSAPublicKey) g.generateKeyPair().getPublic(), COSEAlgorithmIdentifier.RS256);
  }

  static EdDSACOSEKey ed(String name) throws Exception {
    return ed(name, COSEAlgorithmIdentifier.EdDSA);
  }

  static EdDSACOSEKey ed(String name, COSEAlgorithmIdentifier alg) throws Exception {
    return EdDSACOSEKey.create(
        (EdECPublicKey) KeyPairGenerator.getInstance(name).generateKeyPair().getPublic(), alg);
  }

  static EdDSACOSEKey ed25519(byte[] x) {
    return new EdDSACOSEKey(null, COSEAlgorithmIdentifier.EdDSA, null, Curve.ED25519, x, null);
  }

  @Test
  void acceptsRealKeysOfEveryCurveAndType() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(code(ec("secp256r1", COSEAlgorithmIdentifier.ES256))).isEmpty();
      assertThat(code(ec("secp384r1", COSEAlgorithmIdentifier.ES384))).isEmpty();
      assertThat(code(ec("secp521r1", COSEAlgorithmIdentifier.ES512))).isEmpty();
      assertThat(code(ec("secp256r1", COSEAlgorithmIdentifier.ESP256))).isEmpty();
      assertThat(code(ed("Ed25519"))).isEmpty();
      assertThat(code(ed("Ed25519", COSEAlgorithmIdentifier.Ed25519))).isEmpty();
      assertThat(code(ed("Ed448", COSEAlgorithmIdentifier.Ed448))).isEmpty();
    }
    assertThat(code(rsa(2048))).isEmpty();
    assertThat(code(rsa(3072))).isEmpty();
  }

  @Test
  void refusesKeysOnAnotherCurveThanTheirAlgorithmNames() throws Exception {
    // real points, each on a curve its algorithm does not allow (WebAuthn: ES256 is P-256 only,
    // EdDSA Ed25519 only)
    assertThat(code(ec("secp384r1", COSEAlgorithmIdentifier.ES256)))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
    assertThat(code(ec("secp521r1", COSEAlgorithmIdentifier.ES256)))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
    assertThat(code(ec("secp256r1", COSEAlgorithmIdentifier.ES384)))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
    assertThat(code(ec("secp384r1", COSEAlgorithmIdentifier.ESP256)))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
    assertThat(code(ed("Ed448"))).contains(RejectionCode.MALFORMED_CREDENTIAL);
    assertThat(code(ed("Ed25519", COSEAlgorithmIdentifier.Ed448)))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
    // an EC key that claims an RSA or an EdDSA algorithm
    assertThat(code(ec("secp256r1", COSEAlgorithmIdentifier.RS256)))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
    assertThat(code(ec("secp256r1", COSEAlgorithmIdentifier.EdDSA)))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
  }

  @Test
  void refusesEc2PointsOffTheCurveOrOfTheWrongSize() throws Exception {
    assertThat(
            code(
                new EC2COSEKey(
                    null,
                    COSEAlgorithmIdentifier.ES256,
                    null,
                    Curve.SECP256R1,
                    filled(32, 1),
                    filled(32, 2))))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
    assertThat(
            code(
                new EC2COSEKey(
                    null,
                    COSEAlgorithmIdentifier.ES256,
                    null,
                    Curve.SECP256R1,
                    new byte[] {1},
                    new byte[] {2})))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
    // a real point, but its y coordinate with a leading zero byte too many
    EC2COSEKey real = ec("secp256r1", COSEAlgorithmIdentifier.ES256);
    byte[] longY = new byte[33];
    System.arraycopy(real.getY(), 0, longY, 1, 32);
    assertThat(
            code(
                new EC2COSEKey(
                    null,
                    COSEAlgorithmIdentifier.ES256,
                    null,
                    Curve.SECP256R1,
                    real.getX(),
                    longY)))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
    // a P-256 point claimed to be on P-384
    assertThat(
            code(
                new EC2COSEKey(
                    null,
                    COSEAlgorithmIdentifier.ES384,
                    null,
                    Curve.SECP384R1,
                    real.getX(),
                    real.getY())))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
    // the real point with its y one off
    byte[] y = real.getY().clone();
    y[31] ^= 1;
    assertThat(
            code(
                new EC2COSEKey(
                    null, COSEAlgorithmIdentifier.ES256, null, Curve.SECP256R1, real.getX(), y)))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
  }

  @Test
  void refusesRsaKeysThatAreNoKeysAndTooShortOnes() throws Exception {
    assertThat(
            code(
                new RSACOSEKey(
                    null,
                    COSEAlgorithmIdentifier.RS256,
                    null,
                    new byte[] {5},
                    new byte[] {1, 0, 1})))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
    assertThat(code(rsa(1024))).contains(RejectionCode.ALGORITHM_NOT_ALLOWED);
    assertThat(PublicKeyCheck.problem(rsa(1024)).orElseThrow().detail()).contains("2048");
    byte[] n = rsa(2048).getN();
    // exponent 1 (every "signature" is the message), an even exponent, an even modulus
    assertThat(code(new RSACOSEKey(null, COSEAlgorithmIdentifier.RS256, null, n, new byte[] {1})))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
    assertThat(
            code(
                new RSACOSEKey(null, COSEAlgorithmIdentifier.RS256, null, n, new byte[] {1, 0, 0})))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
    // a real RSA key that names an elliptic-curve or Edwards algorithm: stored, it could never sign
    // a login (RS1 and the PS algorithms stay for RSA)
    for (COSEAlgorithmIdentifier notRsa :
        List.of(
            COSEAlgorithmIdentifier.ES256,
            COSEAlgorithmIdentifier.ES384,
            COSEAlgorithmIdentifier.EdDSA,
            COSEAlgorithmIdentifier.Ed25519)) {
      assertThat(code(new RSACOSEKey(null, notRsa, null, n, new byte[] {1, 0, 1})))
          .as("an RSA key under %s", notRsa)
          .contains(RejectionCode.MALFORMED_CREDENTIAL);
    }
    assertThat(
            code(
                new RSACOSEKey(null, COSEAlgorithmIdentifier.PS256, null, n, new byte[] {1, 0, 1})))
        .isEmpty();
    byte[] even = n.clone();
    even[even.length - 1] &= (byte) 0xfe;
    assertThat(
            code(
                new RSACOSEKey(
                    null, COSEAlgorithmIdentifier.RS256, null, even, new byte[] {1, 0, 1})))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
  }

  @Test
  void refusesEd25519KeysOfTheWrongLengthOrNoPoint() throws Exception {
    assertThat(code(ed25519(new byte[] {1}))).contains(RejectionCode.MALFORMED_CREDENTIAL);
    assertThat(code(ed25519(Arrays.copyOf(ed("Ed25519").getX(), 33))))
        .contains(RejectionCode.MALFORMED_CREDENTIAL);
    // y = 2^255 - 1 is not below the field prime
    byte[] tooLarge = filled(32, 0xff);
    tooLarge[31] = 0x7f;
    assertThat(code(ed25519(tooLarge))).contains(RejectionCode.MALFORMED_CREDENTIAL);
    // y = 1 gives x = 0, which cannot carry a sign bit
    byte[] negativeZero = new byte[32];
    negativeZero[0] = 1;
    negativeZero[31] = (byte) 0x80;
    assertThat(code(ed25519(negativeZero))).contains(RejectionCode.MALFORMED_CREDENTIAL);
    negativeZero[31] = 0;
    assertThat(code(ed25519(negativeZero))).isEmpty();
  }

  /** Which small y decode to a point: the JDK's Ed25519 (which decodes on initVerify) decides. */
  @Test
  void agreesWithTheJdkOnWhichEd25519EncodingsArePoints() throws Exception {
    KeyFactory factory = KeyFactory.getInstance("Ed25519");
    int refused = 0;
    for (int y = 2; y < 40; y++) {
      PublicKey key =
          factory.generatePublic(
              new EdECPublicKeySpec(
                  NamedParameterSpec.ED25519, new EdECPoint(false, BigInteger.valueOf(y))));
      boolean jdkAccepts;
      try {
        Signature.getInstance("Ed25519").initVerify(key);
        jdkAccepts = true;
      } catch (GeneralSecurityException e) {
        jdkAccepts = false;
      }
      byte[] encoded = new byte[32];
      encoded[0] = (byte) y;
      assertThat(code(ed25519(encoded)).isEmpty()).as("y = %d", y).isEqualTo(jdkAccepts);
      refused += jdkAccepts ? 0 : 1;
    }
    assertThat(refused).isPositive();
  }
}
