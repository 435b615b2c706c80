package dev.passbridge.auth.password;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The Blake2b side of Argon2id (RFC 9106 §3.2 and §3.3): the pre-hash H0 of the inputs and the
 * variable-length hash H' that turns it into the first blocks and the last block into the tag.
 * Stateless; the caller ({@link Argon2id}) owns the digest and the 64-byte chaining buffer, reuses
 * them from hash to hash and wipes them.
 */
final class Argon2Blake2b {
  private Argon2Blake2b() {}

  /**
   * H0 = H^64(p, T, m, t, v, y, |P|, P, |S|, S, |K|, K, |X|, X) into {@code out[0, 64)}, with the
   * 512-bit {@code digest}.
   */
  static void initialHash(
      Blake2bDigest digest,
      byte[] out,
      int lanes,
      int outLen,
      int m,
      int passes,
      int version,
      int type,
      byte[] password,
      byte[] salt,
      byte[] secret,
      byte[] associatedData) {
    digest.reset();
    le32(digest, lanes);
    le32(digest, outLen);
    le32(digest, m);
    le32(digest, passes);
    le32(digest, version);
    le32(digest, type);
    lengthPrefixed(digest, password);
    lengthPrefixed(digest, salt);
    lengthPrefixed(digest, secret);
    lengthPrefixed(digest, associatedData);
    digest.doFinal(out, 0);
  }

  /**
   * H' (RFC 9106 §3.3): {@code length} bytes of {@code input[0, inputLength)} into {@code out},
   * with the 512-bit {@code blake512} and the 64-byte {@code chain} buffer (V_i).
   */
  static void variableHash(
      Blake2bDigest blake512,
      byte[] chain,
      byte[] out,
      int offset,
      int length,
      byte[] input,
      int inputLength) {
    if (length <= 64) {
      Blake2bDigest digest = length == 64 ? blake512 : new Blake2bDigest(length * 8);
      digest.reset();
      le32(digest, length);
      digest.update(input, 0, inputLength);
      digest.doFinal(out, offset);
      return;
    }
    int halves = (length + 31) / 32 - 2;
    Blake2bDigest digest = blake512;
    digest.reset();
    le32(digest, length);
    digest.update(input, 0, inputLength);
    digest.doFinal(chain, 0);
    System.arraycopy(chain, 0, out, offset, 32);
    int position = offset + 32;
    for (int i = 2; i <= halves; i++, position += 32) {
      digest.update(chain, 0, chain.length);
      digest.doFinal(chain, 0);
      System.arraycopy(chain, 0, out, position, 32);
    }
    int lastLength = length - 32 * halves;
    Blake2bDigest last = lastLength == 64 ? blake512 : new Blake2bDigest(lastLength * 8);
    last.update(chain, 0, chain.length);
    last.doFinal(out, position);
  }

  private static void lengthPrefixed(Blake2bDigest digest, byte[] data) {
    if (data == null) {
      le32(digest, 0);
      return;
    }
    le32(digest, data.length);
    digest.update(data, 0, data.length);
  }

  private static void le32(Blake2bDigest digest, int n) {
    digest.update((byte) n);
    digest.update((byte) (n >>> 8));
    digest.update((byte) (n >>> 16));
    digest.update((byte) (n >>> 24));
  }

  static void putLe32(byte[] to, int offset, int n) {
    to[offset] = (byte) n;
    to[offset + 1] = (byte) (n >>> 8);
    to[offset + 2] = (byte) (n >>> 16);
    to[offset + 3] = (byte) (n >>> 24);
  }
}
