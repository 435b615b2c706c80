package dev.passbridge.passkey.webauthn;

import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.authenticator.Curve;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.authenticator.EdDSACOSEKey;
import com.webauthn4j.data.attestation.authenticator.RSACOSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.EllipticCurve;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a new credential's public key can ever verify a signature. A key that cannot would be
 * stored, count as the user's passkey, and fail every login with {@code bad-signature}.
 *
 * <p>What webauthn4j 0.32 offers is used first: {@link COSEKey#validate()} (the parameters a key
 * type requires are present) and {@link COSEKey#getPublicKey()} (the conversion to a JDK key, which
 * refuses RSA moduli under 512 bits and exponents under 3). Neither looks at the key material
 * itself, nor at whether the curve is the one the algorithm names, so this class adds what they do
 * not cover:
 *
 * <ul>
 *   <li>the curve the algorithm requires (WebAuthn §5.8.5: ES256 keys MUST specify P-256 and EdDSA
 *       keys Ed25519; likewise ES384 P-384, ES512 P-521, and the fully specified ESP256, ESP384,
 *       ESP512, Ed25519 and Ed448 identifiers their curve). An ES256 key on P-384 would verify
 *       SHA-256 signatures in the JDK, but no conforming authenticator makes one, and a relying
 *       party that accepts it has let the client pick a different algorithm than the one it
 *       allowed;
 *   <li>EC2: both coordinates exactly the curve's field size (32 bytes for P-256, 48 for P-384, 66
 *       for P-521), both below the field prime, and the point on the curve ({@code y² = x³ + ax + b
 *       mod p}, with the curve parameters webauthn4j names for the COSE curve);
 *   <li>RSA: an odd modulus, an odd exponent above 1, and a modulus of at least 2048 bits (a
 *       shorter one is a real but too weak key: {@code algorithm-not-allowed}; everything else
 *       {@code malformed-credential});
 *   <li>OKP: exactly 32 bytes for Ed25519 (57 for Ed448), and bytes that decode to a curve point as
 *       RFC 8032 (5.1.3, 5.2.3) decodes them: y below the field prime, and x² = (y² − 1) / (d·y² −
 *       a) a square, not 0 with the sign bit set.
 * </ul>
 *
 * Which algorithms are allowed stays the configuration's business (webauthn4j checks it).
 */
final class PublicKeyCheck {
  static final int MIN_RSA_BITS = 2048;

  private static final BigInteger TWO = BigInteger.TWO;

  /**
   * WebAuthn §5.8.5 and the fully specified identifiers: the curve each curve-based algorithm
   * identifier requires.
   */
  private static final Map<COSEAlgorithmIdentifier, Curve> CURVES =
      Map.of(
          COSEAlgorithmIdentifier.ES256, Curve.SECP256R1,
          COSEAlgorithmIdentifier.ESP256, Curve.SECP256R1,
          COSEAlgorithmIdentifier.ES384, Curve.SECP384R1,
          COSEAlgorithmIdentifier.ESP384, Curve.SECP384R1,
          COSEAlgorithmIdentifier.ES512, Curve.SECP521R1,
          COSEAlgorithmIdentifier.ESP512, Curve.SECP521R1,
          COSEAlgorithmIdentifier.EdDSA, Curve.ED25519,
          COSEAlgorithmIdentifier.Ed25519, Curve.ED25519,
          COSEAlgorithmIdentifier.Ed448, Curve.ED448);

  /** Twisted Edwards curves of RFC 8032: a·x² + y² = 1 + d·x²·y² over GF(p). */
  private record Edwards(BigInteger p, BigInteger a, BigInteger d, int bytes) {}

  private static final BigInteger P25519 = TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final Edwards ED25519 =
      new Edwards(
          P25519,
          P25519.subtract(BigInteger.ONE),
          BigInteger.valueOf(-121665)
              .multiply(BigInteger.valueOf(121666).modInverse(P25519))
              .mod(P25519),
          32);
  private static final BigInteger P448 =
      TWO.pow(448).subtract(TWO.pow(224)).subtract(BigInteger.ONE);
  private static final Edwards ED448 =
      new Edwards(P448, BigInteger.ONE, BigInteger.valueOf(-39081).mod(P448), 57);

  private PublicKeyCheck() {}

  /** The reason the key is unusable; empty if it is a usable key. */
  static Optional<Rejection> problem(COSEKey key) {
    try {
      key.validate();
      if (key.getPublicKey() == null) {
        return malformed();
      }
    } catch (RuntimeException e) {
      return malformed();
    }
    return switch (key) {
      case EC2COSEKey ec ->
          curveOf(ec.getAlgorithm()) == ec.getCurve() && usable(ec)
              ? Optional.empty()
              : malformed();
      case RSACOSEKey rsa -> rsa(rsa);
      case EdDSACOSEKey ed ->
          curveOf(ed.getAlgorithm()) == ed.getCurve() && usable(ed)
              ? Optional.empty()
              : malformed();
      default -> malformed();
    };
  }

  /** The one curve a key of this algorithm may be on; {@code null} for no curve-based one. */
  private static Curve curveOf(COSEAlgorithmIdentifier alg) {
    return alg == null ? null : CURVES.get(alg);
  }

  private static boolean usable(EC2COSEKey key) {
    Curve curve = key.getCurve();
    if (curve == null
        || !(curve.getParameterSpec() instanceof ECParameterSpec spec)
        || !(spec.getCurve().getField() instanceof ECFieldFp field)) {
      return false;
    }
    byte[] xBytes = key.getX();
    byte[] yBytes = key.getY();
    if (xBytes == null
        || yBytes == null
        || xBytes.length != curve.getSize()
        || yBytes.length != curve.getSize()) {
      return false;
    }
    BigInteger p = field.getP();
    BigInteger x = new BigInteger(1, xBytes);
    BigInteger y = new BigInteger(1, yBytes);
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    EllipticCurve c = spec.getCurve();
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right = x.pow(3).add(c.getA().multiply(x)).add(c.getB()).mod(p);
    return left.equals(right);
  }

  /**
   * The algorithms an RSA key may name: an RSA key stored under another (ES256, say) passes
   * webauthn4j's checks but can never sign a login (a passkey the user "has" and cannot use).
   */
  private static final java.util.Set<COSEAlgorithmIdentifier> RSA_ALGORITHMS =
      java.util.Set.of(
          COSEAlgorithmIdentifier.RS256,
          COSEAlgorithmIdentifier.RS384,
          COSEAlgorithmIdentifier.RS512,
          COSEAlgorithmIdentifier.PS256,
          COSEAlgorithmIdentifier.PS384,
          COSEAlgorithmIdentifier.PS512);

  private static Optional<Rejection> rsa(RSACOSEKey key) {
    if (key.getN() == null || key.getE() == null || !RSA_ALGORITHMS.contains(key.getAlgorithm())) {
      return malformed();
    }
    BigInteger n = new BigInteger(1, key.getN());
    BigInteger e = new BigInteger(1, key.getE());
    if (!n.testBit(0) || !e.testBit(0) || e.compareTo(BigInteger.ONE) <= 0 || e.compareTo(n) >= 0) {
      return malformed();
    }
    if (n.bitLength() < MIN_RSA_BITS) {
      return Optional.of(
          Rejection.of(
              RejectionCode.ALGORITHM_NOT_ALLOWED,
              "RSA keys shorter than " + MIN_RSA_BITS + " bits are not allowed."));
    }
    return Optional.empty();
  }

  private static boolean usable(EdDSACOSEKey key) {
    Edwards curve =
        key.getCurve() == Curve.ED25519 ? ED25519 : key.getCurve() == Curve.ED448 ? ED448 : null;
    byte[] encoded = key.getX();
    if (curve == null || encoded == null || encoded.length != curve.bytes()) {
      return false;
    }
    // little-endian; the top bit of the last byte is the sign of x, the rest is y
    byte[] bigEndian = new byte[encoded.length];
    for (int i = 0; i < encoded.length; i++) {
      bigEndian[i] = encoded[encoded.length - 1 - i];
    }
    boolean xSign = (bigEndian[0] & 0x80) != 0;
    bigEndian[0] &= 0x7f;
    BigInteger p = curve.p();
    BigInteger y = new BigInteger(1, bigEndian);
    if (y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger yy = y.multiply(y).mod(p);
    BigInteger u = yy.subtract(BigInteger.ONE).mod(p);
    BigInteger v = curve.d().multiply(yy).subtract(curve.a()).mod(p);
    if (v.signum() == 0) {
      return false;
    }
    BigInteger xx = u.multiply(v.modInverse(p)).mod(p);
    if (xx.signum() == 0) {
      return !xSign;
    }
    // Euler's criterion: xx is a square mod p iff xx^((p-1)/2) = 1
    return xx.modPow(p.subtract(BigInteger.ONE).shiftRight(1), p).equals(BigInteger.ONE);
  }

  private static Optional<Rejection> malformed() {
    return Optional.of(
        Rejection.of(
            RejectionCode.MALFORMED_CREDENTIAL,
            "The credential's public key is not a usable key."));
  }
}
