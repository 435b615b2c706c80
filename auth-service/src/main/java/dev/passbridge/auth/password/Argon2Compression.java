package dev.passbridge.auth.password;

/**
 * Argon2's compression function G on blocks of 128 longs inside larger arrays: where Argon2id
 * spends its time (one call per block of memory per pass). Stateless; the caller ({@link Argon2id},
 * one per thread) owns the scratch blocks, so that it can wipe them.
 */
final class Argon2Compression {
  private Argon2Compression() {}

  /**
   * The compression function G (RFC 9106 §3.5): R = X ⊕ Y, Q = P on the 8 rows of R (16 consecutive
   * longs each), Z = P on the 8 columns of Q (2 longs every 16: the block seen as 8×8 registers of
   * 16 bytes), out = Z ⊕ R, or out ⊕= Z ⊕ R. The row rounds read X ⊕ Y straight from the blocks and
   * the column rounds write straight into {@code out}, so R and Q are only kept in two scratch
   * blocks that stay in the L1 cache. {@code out} may be X or Y: both are read in full before the
   * first write.
   *
   * @param r scratch block (128 longs) for R; holds password-derived data afterwards
   * @param z scratch block (128 longs) for Q; holds password-derived data afterwards
   */
  static void compress(
      long[] x,
      int xo,
      long[] y,
      int yo,
      long[] out,
      int oo,
      boolean xorIntoOut,
      long[] r,
      long[] z) {
    for (int i = 0; i < 8; i++) {
      rowRound(x, xo + 16 * i, y, yo + 16 * i, r, z, 16 * i);
    }
    long keep = xorIntoOut ? -1L : 0L;
    for (int i = 0; i < 8; i++) {
      columnRound(z, r, 2 * i, out, oo, keep);
    }
  }

  /**
   * P on one row: v0..v15 = x[xo..xo+15] ⊕ y[yo..yo+15], kept as R in {@code r[ro..ro+15]}, the
   * permuted values into {@code z[ro..ro+15]}. Local variables, not array slots, hold the state.
   * The eight G calls are therefore written out here and again in {@link #columnRound}: a shared
   * method would need the sixteen values in an array, which cost a third more per block (1.25
   * against 0.9 µs, measured when this was written); only the loads and stores differ.
   */
  private static void rowRound(long[] x, int xo, long[] y, int yo, long[] r, long[] z, int ro) {
    long v0 = x[xo + 0] ^ y[yo + 0];
    long v1 = x[xo + 1] ^ y[yo + 1];
    long v2 = x[xo + 2] ^ y[yo + 2];
    long v3 = x[xo + 3] ^ y[yo + 3];
    long v4 = x[xo + 4] ^ y[yo + 4];
    long v5 = x[xo + 5] ^ y[yo + 5];
    long v6 = x[xo + 6] ^ y[yo + 6];
    long v7 = x[xo + 7] ^ y[yo + 7];
    long v8 = x[xo + 8] ^ y[yo + 8];
    long v9 = x[xo + 9] ^ y[yo + 9];
    long v10 = x[xo + 10] ^ y[yo + 10];
    long v11 = x[xo + 11] ^ y[yo + 11];
    long v12 = x[xo + 12] ^ y[yo + 12];
    long v13 = x[xo + 13] ^ y[yo + 13];
    long v14 = x[xo + 14] ^ y[yo + 14];
    long v15 = x[xo + 15] ^ y[yo + 15];
    r[ro + 0] = v0;
    r[ro + 1] = v1;
    r[ro + 2] = v2;
    r[ro + 3] = v3;
    r[ro + 4] = v4;
    r[ro + 5] = v5;
    r[ro + 6] = v6;
    r[ro + 7] = v7;
    r[ro + 8] = v8;
    r[ro + 9] = v9;
    r[ro + 10] = v10;
    r[ro + 11] = v11;
    r[ro + 12] = v12;
    r[ro + 13] = v13;
    r[ro + 14] = v14;
    r[ro + 15] = v15;
    // GB(v0, v4, v8, v12)
    v0 = blaMka(v0, v4);
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 = blaMka(v8, v12);
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 = blaMka(v0, v4);
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 = blaMka(v8, v12);
    v4 = Long.rotateRight(v4 ^ v8, 63);
    // GB(v1, v5, v9, v13)
    v1 = blaMka(v1, v5);
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 = blaMka(v9, v13);
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 = blaMka(v1, v5);
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 = blaMka(v9, v13);
    v5 = Long.rotateRight(v5 ^ v9, 63);
    // GB(v2, v6, v10, v14)
    v2 = blaMka(v2, v6);
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 = blaMka(v10, v14);
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 = blaMka(v2, v6);
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 = blaMka(v10, v14);
    v6 = Long.rotateRight(v6 ^ v10, 63);
    // GB(v3, v7, v11, v15)
    v3 = blaMka(v3, v7);
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 = blaMka(v11, v15);
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 = blaMka(v3, v7);
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 = blaMka(v11, v15);
    v7 = Long.rotateRight(v7 ^ v11, 63);
    // GB(v0, v5, v10, v15)
    v0 = blaMka(v0, v5);
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 = blaMka(v10, v15);
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 = blaMka(v0, v5);
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 = blaMka(v10, v15);
    v5 = Long.rotateRight(v5 ^ v10, 63);
    // GB(v1, v6, v11, v12)
    v1 = blaMka(v1, v6);
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 = blaMka(v11, v12);
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 = blaMka(v1, v6);
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 = blaMka(v11, v12);
    v6 = Long.rotateRight(v6 ^ v11, 63);
    // GB(v2, v7, v8, v13)
    v2 = blaMka(v2, v7);
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 = blaMka(v8, v13);
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 = blaMka(v2, v7);
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 = blaMka(v8, v13);
    v7 = Long.rotateRight(v7 ^ v8, 63);
    // GB(v3, v4, v9, v14)
    v3 = blaMka(v3, v4);
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 = blaMka(v9, v14);
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 = blaMka(v3, v4);
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 = blaMka(v9, v14);
    v4 = Long.rotateRight(v4 ^ v9, 63);
    z[ro + 0] = v0;
    z[ro + 1] = v1;
    z[ro + 2] = v2;
    z[ro + 3] = v3;
    z[ro + 4] = v4;
    z[ro + 5] = v5;
    z[ro + 6] = v6;
    z[ro + 7] = v7;
    z[ro + 8] = v8;
    z[ro + 9] = v9;
    z[ro + 10] = v10;
    z[ro + 11] = v11;
    z[ro + 12] = v12;
    z[ro + 13] = v13;
    z[ro + 14] = v14;
    z[ro + 15] = v15;
  }

  /**
   * P on one column: v_2k, v_2k+1 = z[base + 16k], z[base + 16k + 1] (k = 0..7), then {@code out[oo
   * + i] = (out[oo + i] & keep) ⊕ r[i] ⊕ v} for those positions ({@code keep} is all ones to XOR
   * into the old block, zero to overwrite it).
   */
  private static void columnRound(long[] z, long[] r, int base, long[] out, int oo, long keep) {
    long v0 = z[base];
    long v1 = z[base + 1];
    long v2 = z[base + 16];
    long v3 = z[base + 17];
    long v4 = z[base + 32];
    long v5 = z[base + 33];
    long v6 = z[base + 48];
    long v7 = z[base + 49];
    long v8 = z[base + 64];
    long v9 = z[base + 65];
    long v10 = z[base + 80];
    long v11 = z[base + 81];
    long v12 = z[base + 96];
    long v13 = z[base + 97];
    long v14 = z[base + 112];
    long v15 = z[base + 113];
    // GB(v0, v4, v8, v12)
    v0 = blaMka(v0, v4);
    v12 = Long.rotateRight(v12 ^ v0, 32);
    v8 = blaMka(v8, v12);
    v4 = Long.rotateRight(v4 ^ v8, 24);
    v0 = blaMka(v0, v4);
    v12 = Long.rotateRight(v12 ^ v0, 16);
    v8 = blaMka(v8, v12);
    v4 = Long.rotateRight(v4 ^ v8, 63);
    // GB(v1, v5, v9, v13)
    v1 = blaMka(v1, v5);
    v13 = Long.rotateRight(v13 ^ v1, 32);
    v9 = blaMka(v9, v13);
    v5 = Long.rotateRight(v5 ^ v9, 24);
    v1 = blaMka(v1, v5);
    v13 = Long.rotateRight(v13 ^ v1, 16);
    v9 = blaMka(v9, v13);
    v5 = Long.rotateRight(v5 ^ v9, 63);
    // GB(v2, v6, v10, v14)
    v2 = blaMka(v2, v6);
    v14 = Long.rotateRight(v14 ^ v2, 32);
    v10 = blaMka(v10, v14);
    v6 = Long.rotateRight(v6 ^ v10, 24);
    v2 = blaMka(v2, v6);
    v14 = Long.rotateRight(v14 ^ v2, 16);
    v10 = blaMka(v10, v14);
    v6 = Long.rotateRight(v6 ^ v10, 63);
    // GB(v3, v7, v11, v15)
    v3 = blaMka(v3, v7);
    v15 = Long.rotateRight(v15 ^ v3, 32);
    v11 = blaMka(v11, v15);
    v7 = Long.rotateRight(v7 ^ v11, 24);
    v3 = blaMka(v3, v7);
    v15 = Long.rotateRight(v15 ^ v3, 16);
    v11 = blaMka(v11, v15);
    v7 = Long.rotateRight(v7 ^ v11, 63);
    // GB(v0, v5, v10, v15)
    v0 = blaMka(v0, v5);
    v15 = Long.rotateRight(v15 ^ v0, 32);
    v10 = blaMka(v10, v15);
    v5 = Long.rotateRight(v5 ^ v10, 24);
    v0 = blaMka(v0, v5);
    v15 = Long.rotateRight(v15 ^ v0, 16);
    v10 = blaMka(v10, v15);
    v5 = Long.rotateRight(v5 ^ v10, 63);
    // GB(v1, v6, v11, v12)
    v1 = blaMka(v1, v6);
    v12 = Long.rotateRight(v12 ^ v1, 32);
    v11 = blaMka(v11, v12);
    v6 = Long.rotateRight(v6 ^ v11, 24);
    v1 = blaMka(v1, v6);
    v12 = Long.rotateRight(v12 ^ v1, 16);
    v11 = blaMka(v11, v12);
    v6 = Long.rotateRight(v6 ^ v11, 63);
    // GB(v2, v7, v8, v13)
    v2 = blaMka(v2, v7);
    v13 = Long.rotateRight(v13 ^ v2, 32);
    v8 = blaMka(v8, v13);
    v7 = Long.rotateRight(v7 ^ v8, 24);
    v2 = blaMka(v2, v7);
    v13 = Long.rotateRight(v13 ^ v2, 16);
    v8 = blaMka(v8, v13);
    v7 = Long.rotateRight(v7 ^ v8, 63);
    // GB(v3, v4, v9, v14)
    v3 = blaMka(v3, v4);
    v14 = Long.rotateRight(v14 ^ v3, 32);
    v9 = blaMka(v9, v14);
    v4 = Long.rotateRight(v4 ^ v9, 24);
    v3 = blaMka(v3, v4);
    v14 = Long.rotateRight(v14 ^ v3, 16);
    v9 = blaMka(v9, v14);
    v4 = Long.rotateRight(v4 ^ v9, 63);
    out[oo + base] = (out[oo + base] & keep) ^ r[base] ^ v0;
    out[oo + base + 1] = (out[oo + base + 1] & keep) ^ r[base + 1] ^ v1;
    out[oo + base + 16] = (out[oo + base + 16] & keep) ^ r[base + 16] ^ v2;
    out[oo + base + 17] = (out[oo + base + 17] & keep) ^ r[base + 17] ^ v3;
    out[oo + base + 32] = (out[oo + base + 32] & keep) ^ r[base + 32] ^ v4;
    out[oo + base + 33] = (out[oo + base + 33] & keep) ^ r[base + 33] ^ v5;
    out[oo + base + 48] = (out[oo + base + 48] & keep) ^ r[base + 48] ^ v6;
    out[oo + base + 49] = (out[oo + base + 49] & keep) ^ r[base + 49] ^ v7;
    out[oo + base + 64] = (out[oo + base + 64] & keep) ^ r[base + 64] ^ v8;
    out[oo + base + 65] = (out[oo + base + 65] & keep) ^ r[base + 65] ^ v9;
    out[oo + base + 80] = (out[oo + base + 80] & keep) ^ r[base + 80] ^ v10;
    out[oo + base + 81] = (out[oo + base + 81] & keep) ^ r[base + 81] ^ v11;
    out[oo + base + 96] = (out[oo + base + 96] & keep) ^ r[base + 96] ^ v12;
    out[oo + base + 97] = (out[oo + base + 97] & keep) ^ r[base + 97] ^ v13;
    out[oo + base + 112] = (out[oo + base + 112] & keep) ^ r[base + 112] ^ v14;
    out[oo + base + 113] = (out[oo + base + 113] & keep) ^ r[base + 113] ^ v15;
  }

  /** a + b + 2 × lo32(a) × lo32(b), modulo 2^64 (BlaMka's multiplication-hardened addition). */
  private static long blaMka(long a, long b) {
    return a + b + 2 * (a & 0xFFFFFFFFL) * (b & 0xFFFFFFFFL);
  }
}
