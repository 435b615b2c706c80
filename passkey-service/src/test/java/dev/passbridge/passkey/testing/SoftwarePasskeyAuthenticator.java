package dev.passbridge.passkey.testing;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAttachment;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.authenticator.EdDSACOSEKey;
import com.webauthn4j.data.attestation.authenticator.RSACOSEKey;
import com.webauthn4j.data.attestation.statement.AttestationStatement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.attestation.statement.PackedAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import com.webauthn4j.data.extension.client.RegistrationExtensionClientOutput;
import com.webauthn4j.test.TestAttestationUtil;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.client.ClientPlatform;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A software passkey authenticator plus browser for tests: turns {@code
 * PublicKeyCredentialCreationOptionsJSON} / {@code PublicKeyCredentialRequestOptionsJSON} into the
 * {@code RegistrationResponseJSON} / {@code AuthenticationResponseJSON} bodies a browser's {@code
 * PublicKeyCredential.toJSON()} produces, with real signatures.
 *
 * <p>Three attestation kinds:
 *
 * <ul>
 *   <li>{@link Kind#NONE}: {@code fmt: "none"}, hand-built, any flags (UP=0 for conditional create,
 *       BE/BS for synced passkeys), any algorithm (ES256, ES384, EdDSA, RS256);
 *   <li>{@link Kind#PACKED_SELF}: {@code fmt: "packed"} self attestation (signed with the
 *       credential key), any flags;
 *   <li>{@link Kind#PACKED_EMULATOR}: webauthn4j-test's {@link PackedAuthenticator} through its
 *       {@link ClientPlatform} (basic attestation, x5c chain from the emulator's test CA, see
 *       {@link #emulatorRootCertificatePem()}); UP and UV always set, BE/BS never.
 * </ul>
 *
 * Assertions are hand-built for every credential, with a counter that grows by one per assertion
 * (or as set). Depends only on webauthn4j (core + test) and Jackson, so other modules' tests can
 * copy it. Thread-safe.
 */
public final class SoftwarePasskeyAuthenticator {
  /** The attestation a registration carries. */
  public enum Kind {
    NONE,
    PACKED_SELF,
    PACKED_EMULATOR
  }

  /**
   * What the authenticator/browser reports; {@link #standard()} is an honest passkey.
   *
   * @param origin overrides the authenticator's origin in clientDataJSON (null: its own)
   * @param rpId overrides the RP ID whose hash goes into authenticator data (null: from options)
   * @param challenge overrides the challenge (base64url; null: from options)
   * @param counter the signature counter to report (null: stored counter + 1 for assertions, 0 for
   *     registrations)
   * @param userHandle overrides the user handle of an assertion (base64url; null: the stored one)
   * @param algorithm the key algorithm of a new credential
   * @param corruptSignature flips a bit of the signature
   * @param credentialId the credential id of a new credential (null: 32 random bytes)
   * @param clientDataType overrides {@code clientDataJSON.type}
   * @param backupExplicit whether BE/BS were set with {@link #withBackup}; if not, an assertion
   *     reports the flags the credential had so far
   */
  public record Flags(
      boolean userPresent,
      boolean userVerified,
      boolean backupEligible,
      boolean backupState,
      String origin,
      String rpId,
      String challenge,
      Long counter,
      String userHandle,
      COSEAlgorithmIdentifier algorithm,
      boolean corruptSignature,
      byte[] credentialId,
      String clientDataType,
      boolean backupExplicit) {

    public static Flags standard() {
      return new Flags(
          true,
          true,
          false,
          false,
          null,
          null,
          null,
          null,
          null,
          COSEAlgorithmIdentifier.ES256,
          false,
          null,
          null,
          false);
    }

    /** Conditional create as Chrome/Safari do it: no user presence, no user verification. */
    public static Flags conditional() {
      return standard().withUserPresent(false).withUserVerified(false);
    }

    public Flags withUserPresent(boolean v) {
      return new Flags(
          v,
          userVerified,
          backupEligible,
          backupState,
          origin,
          rpId,
          challenge,
          counter,
          userHandle,
          algorithm,
          corruptSignature,
          credentialId,
          clientDataType,
          backupExplicit);
    }

    public Flags withUserVerified(boolean v) {
      return new Flags(
          userPresent,
          v,
          backupEligible,
          backupState,
          origin,
          rpId,
          challenge,
          counter,
          userHandle,
          algorithm,
          corruptSignature,
          credentialId,
          clientDataType,
          backupExplicit);
    }

    public Flags withBackup(boolean eligible, boolean state) {
      return new Flags(
          userPresent,
          userVerified,
          eligible,
          state,
          origin,
          rpId,
          challenge,
          counter,
          userHandle,
          algorithm,
          corruptSignature,
          credentialId,
          clientDataType,
          true);
    }

    public Flags withOrigin(String v) {
      return new Flags(
          userPresent,
          userVerified,
          backupEligible,
          backupState,
          v,
          rpId,
          challenge,
          counter,
          userHandle,
          algorithm,
          corruptSignature,
          credentialId,
          clientDataType,
          backupExplicit);
    }

    public Flags withRpId(String v) {
      return new Flags(
          userPresent,
          userVerified,
          backupEligible,
          backupState,
          origin,
          v,
          challenge,
          counter,
          userHandle,
          algorithm,
          corruptSignature,
          credentialId,
          clientDataType,
          backupExplicit);
    }

    public Flags withChallenge(String v) {
      return new Flags(
          userPresent,
          userVerified,
          backupEligible,
          backupState,
          origin,
          rpId,
          v,
          counter,
          userHandle,
          algorithm,
          corruptSignature,
          credentialId,
          clientDataType,
          backupExplicit);
    }

    public Flags withCounter(long v) {
      return new Flags(
          userPresent,
          userVerified,
          backupEligible,
          backupState,
          origin,
          rpId,
          challenge,
          v,
          userHandle,
          algorithm,
          corruptSignature,
          credentialId,
          clientDataType,
          backupExplicit);
    }

    public Flags withUserHandle(String v) {
      return new Flags(
          userPresent,
          userVerified,
          backupEligible,
          backupState,
          origin,
          rpId,
          challenge,
          counter,
          v,
          algorithm,
          corruptSignature,
          credentialId,
          clientDataType,
          backupExplicit);
    }

    public Flags withAlgorithm(COSEAlgorithmIdentifier v) {
      return new Flags(
          userPresent,
          userVerified,
          backupEligible,
          backupState,
          origin,
          rpId,
          challenge,
          counter,
          userHandle,
          v,
          corruptSignature,
          credentialId,
          clientDataType,
          backupExplicit);
    }

    public Flags withCorruptSignature() {
      return new Flags(
          userPresent,
          userVerified,
          backupEligible,
          backupState,
          origin,
          rpId,
          challenge,
          counter,
          userHandle,
          algorithm,
          true,
          credentialId,
          clientDataType,
          backupExplicit);
    }

    public Flags withCredentialId(byte[] v) {
      return new Flags(
          userPresent,
          userVerified,
          backupEligible,
          backupState,
          origin,
          rpId,
          challenge,
          counter,
          userHandle,
          algorithm,
          corruptSignature,
          v,
          clientDataType,
          backupExplicit);
    }

    public Flags withClientDataType(String v) {
      return new Flags(
          userPresent,
          userVerified,
          backupEligible,
          backupState,
          origin,
          rpId,
          challenge,
          counter,
          userHandle,
          algorithm,
          corruptSignature,
          credentialId,
          v,
          backupExplicit);
    }
  }

  /** A credential this authenticator holds. */
  public record Credential(
      byte[] id,
      String rpId,
      byte[] userHandle,
      PrivateKey privateKey,
      COSEAlgorithmIdentifier algorithm,
      long counter,
      boolean backupEligible,
      boolean backupState) {

    public String idBase64Url() {
      return b64(id);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final ObjectConverter objectConverter = new ObjectConverter();
  private final AttestationObjectConverter attestationObjects =
      new AttestationObjectConverter(objectConverter);
  private final AuthenticatorDataConverter authenticatorData =
      new AuthenticatorDataConverter(objectConverter);
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Credential> credentials = new ConcurrentHashMap<>();
  private final String origin;
  private final UUID aaguid;
  private final PackedAuthenticator emulator = new PackedAuthenticator();

  /**
   * @param origin the page origin, e.g. {@code http://localhost:8080}
   * @param aaguid the AAGUID it reports in hand-built attestations (all zero is allowed)
   */
  public SoftwarePasskeyAuthenticator(String origin, UUID aaguid) {
    this.origin = Objects.requireNonNull(origin);
    this.aaguid = Objects.requireNonNull(aaguid);
  }

  /** Apple Passwords (iCloud Keychain)'s AAGUID. */
  public static final UUID APPLE_PASSWORDS =
      UUID.fromString("fbfc3007-154e-4ecc-8c0b-6e020557d7bd");

  public static final UUID GOOGLE_PASSWORD_MANAGER =
      UUID.fromString("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4");

  public List<Credential> credentials() {
    return List.copyOf(credentials.values());
  }

  public Credential credential(String idBase64Url) {
    return credentials.get(idBase64Url);
  }

  /** Forgets a credential (as if the user deleted it from the provider). */
  public void remove(String idBase64Url) {
    credentials.remove(idBase64Url);
  }

  /** The root certificate of webauthn4j-test's 3-tier test CA, which the emulator chains to. */
  public static String emulatorRootCertificatePem() {
    X509Certificate root = emulatorRootCertificate();
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(root.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static X509Certificate emulatorRootCertificate() {
    TrustAnchor anchor =
        TestAttestationUtil.createTrustAnchorRepositoryWith3tierTestRootCACertificate()
            .find(AAGUID.ZERO)
            .iterator()
            .next();
    return anchor.getTrustedCert();
  }

  // ---------------------------------------------------------------- registration

  /** {@code RegistrationResponseJSON} for creation options (as the server sent them). */
  public ObjectNode register(JsonNode creationOptions, Kind kind, Flags flags) {
    return switch (kind) {
      case PACKED_EMULATOR -> registerWithEmulator(creationOptions, flags);
      case NONE, PACKED_SELF -> registerByHand(creationOptions, kind, flags);
    };
  }

  public ObjectNode register(JsonNode creationOptions, Kind kind) {
    return register(creationOptions, kind, Flags.standard());
  }

  /**
   * A {@code fmt: "none"} registration that reports the given public key, e.g. one no real
   * authenticator would make (a point off the curve, a 1-byte modulus). There is no private key to
   * it, so the credential is not kept for assertions.
   */
  public ObjectNode registerWithPublicKey(
      JsonNode creationOptions, COSEKey publicKey, Flags flags) {
    return registerByHand(creationOptions, Kind.NONE, flags, Objects.requireNonNull(publicKey));
  }

  private ObjectNode registerByHand(JsonNode options, Kind kind, Flags flags) {
    return registerByHand(options, kind, flags, null);
  }

  private ObjectNode registerByHand(JsonNode options, Kind kind, Flags flags, COSEKey reportedKey) {
    String rpId = flags.rpId() != null ? flags.rpId() : options.get("rp").get("id").asString();
    String challenge =
        flags.challenge() != null ? flags.challenge() : options.get("challenge").asString();
    byte[] userHandle = unb64(options.get("user").get("id").asString());
    byte[] credentialId = flags.credentialId() != null ? flags.credentialId() : bytes(32);
    KeyPair keyPair = reportedKey == null ? keyPair(flags.algorithm()) : null;
    COSEKey publicKey = reportedKey == null ? coseKey(keyPair, flags.algorithm()) : reportedKey;
    long counter = flags.counter() == null ? 0 : flags.counter();
    byte flagByte = flags(flags, true);
    AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authData =
        new AuthenticatorData<>(
            sha256(rpId.getBytes(StandardCharsets.UTF_8)),
            flagByte,
            counter,
            new AttestedCredentialData(new AAGUID(aaguid), credentialId, publicKey));
    byte[] clientDataJson =
        clientData(
            flags.clientDataType() != null ? flags.clientDataType() : "webauthn.create",
            challenge,
            flags.origin() != null ? flags.origin() : origin);
    AttestationStatement statement;
    if (kind == Kind.NONE) {
      statement = new NoneAttestationStatement();
    } else {
      byte[] signed = concat(authenticatorData.convert(authData), sha256(clientDataJson));
      byte[] signature = sign(keyPair.getPrivate(), flags.algorithm(), signed);
      if (flags.corruptSignature()) {
        signature[signature.length - 1] ^= 1;
      }
      statement = new PackedAttestationStatement(flags.algorithm(), signature, null);
    }
    byte[] attestationObject =
        attestationObjects.convertToBytes(new AttestationObject(authData, statement));
    if (keyPair == null) {
      return registrationJson(
          credentialId, clientDataJson, attestationObject, List.of("hybrid", "internal"));
    }
    credentials.put(
        b64(credentialId),
        new Credential(
            credentialId,
            rpId,
            userHandle,
            keyPair.getPrivate(),
            flags.algorithm(),
            counter,
            flags.backupEligible(),
            flags.backupState()));
    return registrationJson(
        credentialId, clientDataJson, attestationObject, List.of("hybrid", "internal"));
  }

  private ObjectNode registerWithEmulator(JsonNode options, Flags flags) {
    ClientPlatform client =
        new ClientPlatform(
            new Origin(flags.origin() != null ? flags.origin() : origin),
            new WebAuthnAuthenticatorAdaptor(emulator));
    String rpId = flags.rpId() != null ? flags.rpId() : options.get("rp").get("id").asString();
    JsonNode user = options.get("user");
    List<PublicKeyCredentialParameters> params = new ArrayList<>();
    for (JsonNode p : options.get("pubKeyCredParams")) {
      params.add(
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY,
              COSEAlgorithmIdentifier.create(p.get("alg").asLong())));
    }
    String challenge =
        flags.challenge() != null ? flags.challenge() : options.get("challenge").asString();
    PublicKeyCredentialCreationOptions creation =
        new PublicKeyCredentialCreationOptions(
            new PublicKeyCredentialRpEntity(rpId, options.get("rp").get("name").asString()),
            new PublicKeyCredentialUserEntity(
                unb64(user.get("id").asString()),
                user.get("name").asString(),
                user.get("displayName").asString()),
            new DefaultChallenge(unb64(challenge)),
            params,
            options.get("timeout").asLong(),
            List.of(),
            // the emulator needs explicit criteria, or it throws a NullPointerException
            new AuthenticatorSelectionCriteria(
                AuthenticatorAttachment.PLATFORM,
                ResidentKeyRequirement.REQUIRED,
                UserVerificationRequirement.PREFERRED),
            AttestationConveyancePreference.DIRECT,
            null);
    PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput>
        created = client.create(creation);
    AuthenticatorAttestationResponse response = created.getResponse();
    byte[] credentialId = created.getRawId();
    var source = emulator.lookup(credentialId);
    credentials.put(
        b64(credentialId),
        new Credential(
            credentialId,
            rpId,
            source.getUserHandle(),
            source.getPrivateKey().getPrivateKey(),
            COSEAlgorithmIdentifier.ES256,
            0,
            false,
            false));
    return registrationJson(
        credentialId,
        response.getClientDataJSON(),
        response.getAttestationObject(),
        List.of("internal"));
  }

  private ObjectNode registrationJson(
      byte[] credentialId,
      byte[] clientDataJson,
      byte[] attestationObject,
      List<String> transports) {
    ObjectNode json = JSON.createObjectNode();
    json.put("id", b64(credentialId));
    json.put("rawId", b64(credentialId));
    json.put("type", "public-key");
    ObjectNode response = json.putObject("response");
    response.put("clientDataJSON", b64(clientDataJson));
    response.put("attestationObject", b64(attestationObject));
    ArrayNode t = response.putArray("transports");
    transports.forEach(t::add);
    json.put("authenticatorAttachment", "platform");
    json.putObject("clientExtensionResults").putObject("credProps").put("rk", true);
    return json;
  }

  // ---------------------------------------------------------------- authentication

  /** {@code AuthenticationResponseJSON} from the given credential for request options. */
  public ObjectNode authenticate(JsonNode requestOptions, String credentialId, Flags flags) {
    Credential credential = credentials.get(credentialId);
    if (credential == null) {
      throw new IllegalArgumentException("no such credential " + credentialId);
    }
    String rpId =
        flags.rpId() != null
            ? flags.rpId()
            : requestOptions.has("rpId")
                ? requestOptions.get("rpId").asString()
                : credential.rpId();
    String challenge =
        flags.challenge() != null ? flags.challenge() : requestOptions.get("challenge").asString();
    long counter = flags.counter() != null ? flags.counter() : credential.counter() + 1;
    boolean be = flags.backupExplicit() ? flags.backupEligible() : credential.backupEligible();
    boolean bs = flags.backupExplicit() ? flags.backupState() : credential.backupState();
    Flags effective = flags.withBackup(be, bs);
    byte[] authData =
        authenticatorData.convert(
            new AuthenticatorData<>(
                sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags(effective, false), counter));
    byte[] clientDataJson =
        clientData(
            flags.clientDataType() != null ? flags.clientDataType() : "webauthn.get",
            challenge,
            flags.origin() != null ? flags.origin() : origin);
    byte[] signature =
        sign(
            credential.privateKey(),
            credential.algorithm(),
            concat(authData, sha256(clientDataJson)));
    if (flags.corruptSignature()) {
      signature[signature.length - 1] ^= 1;
    }
    credentials.put(
        credentialId,
        new Credential(
            credential.id(),
            credential.rpId(),
            credential.userHandle(),
            credential.privateKey(),
            credential.algorithm(),
            counter,
            be,
            bs));
    ObjectNode json = JSON.createObjectNode();
    json.put("id", credentialId);
    json.put("rawId", credentialId);
    json.put("type", "public-key");
    ObjectNode response = json.putObject("response");
    response.put("clientDataJSON", b64(clientDataJson));
    response.put("authenticatorData", b64(authData));
    response.put("signature", b64(signature));
    response.put(
        "userHandle",
        flags.userHandle() != null ? flags.userHandle() : b64(credential.userHandle()));
    json.put("authenticatorAttachment", "platform");
    json.putObject("clientExtensionResults");
    return json;
  }

  public ObjectNode authenticate(JsonNode requestOptions, String credentialId) {
    return authenticate(requestOptions, credentialId, Flags.standard());
  }

  // ---------------------------------------------------------------- helpers

  private static byte flags(Flags f, boolean attested) {
    int b = 0;
    if (f.userPresent()) {
      b |= AuthenticatorData.BIT_UP;
    }
    if (f.userVerified()) {
      b |= AuthenticatorData.BIT_UV;
    }
    if (f.backupEligible()) {
      b |= AuthenticatorData.BIT_BE;
    }
    if (f.backupState()) {
      b |= AuthenticatorData.BIT_BS;
    }
    if (attested) {
      b |= AuthenticatorData.BIT_AT;
    }
    return (byte) b;
  }

  private static byte[] clientData(String type, String challenge, String origin) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("type", type);
    data.put("challenge", challenge);
    data.put("origin", origin);
    data.put("crossOrigin", false);
    return JSON.writeValueAsBytes(data);
  }

  private KeyPair keyPair(COSEAlgorithmIdentifier alg) {
    try {
      if (alg.equals(COSEAlgorithmIdentifier.EdDSA)) {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      }
      if (alg.equals(COSEAlgorithmIdentifier.RS256)) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
      }
      String curve =
          alg.equals(COSEAlgorithmIdentifier.ES384)
              ? "secp384r1"
              : alg.equals(COSEAlgorithmIdentifier.ES512) ? "secp521r1" : "secp256r1";
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(curve), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static COSEKey coseKey(KeyPair keyPair, COSEAlgorithmIdentifier alg) {
    if (alg.equals(COSEAlgorithmIdentifier.EdDSA)) {
      return EdDSACOSEKey.create((java.security.interfaces.EdECPublicKey) keyPair.getPublic(), alg);
    }
    if (alg.equals(COSEAlgorithmIdentifier.RS256)) {
      return RSACOSEKey.create((RSAPublicKey) keyPair.getPublic(), alg);
    }
    return EC2COSEKey.create((ECPublicKey) keyPair.getPublic(), alg);
  }

  private static byte[] sign(PrivateKey key, COSEAlgorithmIdentifier alg, byte[] data) {
    try {
      String name =
          alg.equals(COSEAlgorithmIdentifier.EdDSA)
              ? "Ed25519"
              : alg.equals(COSEAlgorithmIdentifier.RS256)
                  ? "SHA256withRSA"
                  : alg.equals(COSEAlgorithmIdentifier.ES384)
                      ? "SHA384withECDSA"
                      : alg.equals(COSEAlgorithmIdentifier.ES512)
                          ? "SHA512withECDSA"
                          : "SHA256withECDSA";
      Signature signature = Signature.getInstance(name);
      signature.initSign(key);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  public static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static byte[] unb64(String text) {
    return Base64.getUrlDecoder().decode(text);
  }
}
