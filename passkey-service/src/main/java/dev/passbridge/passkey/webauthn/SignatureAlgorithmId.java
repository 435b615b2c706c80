package dev.passbridge.passkey.webauthn;

import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;

/** The COSE algorithms passkey-service can offer; configuration picks which ones it does. */
public enum SignatureAlgorithmId {
  ES256(COSEAlgorithmIdentifier.ES256),
  EDDSA(COSEAlgorithmIdentifier.EdDSA),
  ES384(COSEAlgorithmIdentifier.ES384),
  ES512(COSEAlgorithmIdentifier.ES512),
  PS256(COSEAlgorithmIdentifier.PS256),
  RS256(COSEAlgorithmIdentifier.RS256);

  private final COSEAlgorithmIdentifier cose;

  SignatureAlgorithmId(COSEAlgorithmIdentifier cose) {
    this.cose = cose;
  }

  public COSEAlgorithmIdentifier cose() {
    return cose;
  }

  public long value() {
    return cose.getValue();
  }
}
