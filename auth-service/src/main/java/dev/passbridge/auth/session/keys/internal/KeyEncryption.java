package dev.passbridge.auth.session.keys.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals private keys at rest with AES-256-GCM (random 96-bit nonce, the kid as associated data, so
 * a sealed key cannot be swapped into another row). Without a configured key it is the identity,
 * and refuses to open sealed rows.
 */
final class KeyEncryption {
  private static final String PREFIX = "aesgcm1:";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKey key;

  KeyEncryption(String base64Key) {
    if (base64Key == null || base64Key.isBlank()) {
      this.key = null;
      return;
    }
    byte[] bytes = Base64.getDecoder().decode(base64Key.strip());
    if (bytes.length != 32) {
      throw new IllegalArgumentException(
          "passbridge.auth.keys.encryption-key must be 32 bytes, base64-encoded");
    }
    this.key = new SecretKeySpec(bytes, "AES");
  }

  boolean enabled() {
    return key != null;
  }

  String seal(String plaintext, String kid) {
    if (key == null) {
      return plaintext;
    }
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = Arrays.copyOf(nonce, nonce.length + sealed.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt a signing key", e);
    }
  }

  String open(String stored, String kid) {
    if (!stored.startsWith(PREFIX)) {
      return stored;
    }
    if (key == null) {
      throw new IllegalStateException(
          "the session signing keys are encrypted: set passbridge.auth.keys.encryption-key");
    }
    try {
      byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
      cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot decrypt signing key " + kid + " (wrong passbridge.auth.keys.encryption-key?)", e);
    }
  }
}
