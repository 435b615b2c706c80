package dev.passbridge.passkey.webauthn;

import java.util.Locale;

/** Attestation statement formats (WebAuthn §8) that can be switched on by configuration. */
public enum AttestationFormat {
  NONE("none"),
  PACKED("packed"),
  FIDO_U2F("fido-u2f"),
  TPM("tpm"),
  ANDROID_KEY("android-key"),
  ANDROID_SAFETYNET("android-safetynet"),
  APPLE("apple");

  private final String id;

  AttestationFormat(String id) {
    this.id = id;
  }

  /** The {@code fmt} value in an attestation object. */
  public String id() {
    return id;
  }

  public static AttestationFormat fromId(String fmt) {
    for (AttestationFormat f : values()) {
      if (f.id.equals(fmt)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown attestation format " + fmt);
  }

  /** Lets configuration say {@code fido-u2f} as well as {@code FIDO_U2F}. */
  public static AttestationFormat parse(String text) {
    String normalised = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return fromId(normalised);
  }
}
