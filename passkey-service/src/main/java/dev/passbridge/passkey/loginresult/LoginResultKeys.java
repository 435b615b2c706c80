package dev.passbridge.passkey.loginresult;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The login-result keys: the signing key (EC P-256, {@code kid} = its JWK thumbprint, so the same
 * key always has the same id, on every instance) and any number of verification keys, public keys
 * that are published and accepted beside it but never sign: the next key before it signs, the
 * previous one after (a rotation without a result that some instance cannot verify, see
 * docs/services/passkey-service.md). Read from configuration as JWK or PEM; the PEM form is parsed
 * with the JDK's {@link KeyFactory} (PKCS#8 private key plus X.509 public key) rather than with a
 * PEM library, because the JDK cannot derive a public EC key from the private one and the only
 * library that does (Bouncy Castle) is not otherwise needed here.
 */
public final class LoginResultKeys {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private final ECKey signingKey;
  private final JWKSet publicKeys;

  private LoginResultKeys(ECKey signingKey, List<ECKey> verificationKeys) {
    this.signingKey = signingKey;
    List<JWK> published = new ArrayList<>();
    published.add(signingKey.toPublicJWK());
    for (ECKey key : verificationKeys) {
      if (published.stream().noneMatch(k -> k.getKeyID().equals(key.getKeyID()))) {
        published.add(key);
      }
    }
    this.publicKeys = new JWKSet(published);
  }

  /** A fresh random key (local profile, tests). */
  public static LoginResultKeys generate() {
    try {
      ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).generate();
      return of(key);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an EC P-256 key", e);
    }
  }

  /**
   * @param configured a JWK (JSON) or PEM text, see {@link LoginResultProperties#signingKey()}
   * @throws IllegalArgumentException when it is not an EC P-256 private key (the message never
   *     quotes the value)
   */
  public static LoginResultKeys parse(String configured) {
    String text = configured.strip();
    ECKey key = text.startsWith("{") ? fromJwk(text) : fromPem(text);
    return of(key);
  }

  private static LoginResultKeys of(ECKey key) {
    if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate()) {
      throw new IllegalArgumentException("the login-result key must be an EC P-256 private key");
    }
    try {
      // a PEM whose public block belongs to another key would sign results nobody can verify
      byte[] probe = "login-result-key-check".getBytes(StandardCharsets.UTF_8);
      JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);
      var signature = new ECDSASigner(key).sign(header, probe);
      if (!new ECDSAVerifier(key.toECPublicKey()).verify(header, probe, signature)) {
        throw new IllegalArgumentException("the login-result key's public part does not match");
      }
      return new LoginResultKeys(identified(key), List.of());
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the login-result key cannot be used", e);
    }
  }

  /** The key with its thumbprint as {@code kid}, for signatures with ES256. */
  private static ECKey identified(ECKey key) throws JOSEException {
    return new ECKey.Builder(key)
        .keyID(key.computeThumbprint().toString())
        .keyUse(KeyUse.SIGNATURE)
        .algorithm(JWSAlgorithm.ES256)
        .build();
  }

  /**
   * These keys and the configured verification keys: a JWK, a JWK set ({@code {"keys": [...]}}) or
   * PEM {@code PUBLIC KEY} blocks, EC P-256 each. Only public parts are kept (a private part given
   * with a JWK or a PEM pair is dropped); blank adds none.
   *
   * @throws IllegalArgumentException when a key is not an EC P-256 key or nothing can be read (the
   *     message never quotes the value)
   */
  public LoginResultKeys withVerificationKeys(String configured) {
    if (configured == null || configured.isBlank()) {
      return this;
    }
    String text = configured.strip();
    List<ECKey> keys = new ArrayList<>();
    try {
      if (text.startsWith("{")) {
        for (JWK jwk : readJwks(text)) {
          keys.add(verificationKey(jwk));
        }
      } else {
        KeyFactory factory = KeyFactory.getInstance("EC");
        Matcher m = PEM.matcher(text);
        while (m.find()) {
          if (m.group(1).equals("PUBLIC KEY")) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
            var key = (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(der));
            Curve curve = Curve.forECParameterSpec(key.getParams());
            if (!Curve.P_256.equals(curve)) {
              throw new IllegalArgumentException("not an EC P-256 key");
            }
            keys.add(verificationKey(new ECKey.Builder(curve, key).build()));
          }
        }
      }
    } catch (GeneralSecurityException
        | IllegalArgumentException
        | IllegalStateException
        | ClassCastException
        | JOSEException e) {
      throw new IllegalArgumentException(
          "the login-result verification keys are not readable EC P-256 public keys (JWK, JWK set"
              + " or PEM PUBLIC KEY blocks)");
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "the login-result verification keys hold no key (JWK, JWK set or PEM PUBLIC KEY blocks)");
    }
    List<ECKey> all = new ArrayList<>();
    for (JWK k : publicKeys.getKeys()) {
      if (!k.getKeyID().equals(signingKey.getKeyID())) {
        all.add((ECKey) k);
      }
    }
    all.addAll(keys);
    return new LoginResultKeys(signingKey, all);
  }

  private static List<JWK> readJwks(String json) {
    try {
      return json.contains("\"keys\"") ? JWKSet.parse(json).getKeys() : List.of(JWK.parse(json));
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a JWK");
    }
  }

  private static ECKey verificationKey(JWK jwk) throws JOSEException {
    if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
      throw new IllegalArgumentException("not an EC P-256 key");
    }
    return identified(ec.toPublicJWK());
  }

  private static ECKey fromJwk(String json) {
    try {
      if (JWK.parse(json) instanceof ECKey ec) {
        return ec;
      }
    } catch (ParseException e) {
      // fall through
    }
    throw new IllegalArgumentException("the login-result key is not an EC JWK");
  }

  private static ECKey fromPem(String pem) {
    ECPrivateKey privateKey = null;
    ECPublicKey publicKey = null;
    Matcher m = PEM.matcher(pem);
    try {
      KeyFactory factory = KeyFactory.getInstance("EC");
      while (m.find()) {
        byte[] der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
        switch (m.group(1)) {
          case "PRIVATE KEY" ->
              privateKey = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der));
          case "PUBLIC KEY" ->
              publicKey = (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(der));
          default -> {
            // other blocks are ignored
          }
        }
      }
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException("the login-result key is not a readable EC PEM key");
    }
    if (privateKey == null || publicKey == null) {
      throw new IllegalArgumentException(
          "the login-result PEM needs a PRIVATE KEY (PKCS#8) and its PUBLIC KEY block");
    }
    return new ECKey.Builder(Curve.P_256, publicKey).privateKey(privateKey).build();
  }

  /** The private key that signs. */
  public ECKey signingKey() {
    return signingKey;
  }

  /** The public keys that verify (published in the JWKS): the signing key's first. */
  public JWKSet publicKeys() {
    return publicKeys;
  }
}
