package dev.passbridge.auth.password;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2id (RFC 9106, version 0x13) on one flat block memory that is reused from call to call.
 *
 * <p>Bouncy Castle's {@code Argon2BytesGenerator} allocates a fresh {@code Block} object (a {@code
 * long[128]}) for every KiB of memory on every call: 19 MiB of new heap per hash at m=19456, which
 * the JVM zeroes, Argon2 then fills, and Bouncy Castle zero-fills again at the end. Here the blocks
 * are one {@code long[]} of m' × 128 longs, block {@code i} at offset {@code 128 i}, allocated once
 * and grown only when a bigger m is asked for (a stored hash with other parameters). Argon2's first
 * pass overwrites every block before it is read, so a reused memory needs no zeroing before a hash;
 * after the hash it is wiped once ({@code Arrays.fill}) so no password-derived data stays on the
 * heap, and so are the scratch blocks and byte buffers.
 *
 * <p>Lanes are laid out one after another ({@code lane × laneLength + column}) and computed
 * sequentially on the calling thread, slice by slice, which RFC 9106 allows: a segment only reads
 * other lanes' blocks from finished slices. H0 and H' use Bouncy Castle's {@link Blake2bDigest};
 * the compression function works on local variables rather than array slots. Written from RFC 9106
 * and checked against Bouncy Castle's generator byte for byte ({@code Argon2idTest}).
 *
 * <p>Not thread-safe: one instance per thread (it is a mutable workspace).
 */
final class Argon2id {
  static final int VERSION = 0x13;
  static final int MIN_OUTPUT_LENGTH = 4;
  static final int MAX_LANES = 0xFFFFFF;

  /** The blocks of m' must fit one Java array of longs. */
  static final int MAX_BLOCKS = Integer.MAX_VALUE / 128 - 1;

  private static final int TYPE_ID = 2;
  private static final int SYNC_POINTS = 4;
  private static final int BLOCK_BYTES = 1024;
  private static final int BLOCK_LONGS = 128;
  private static final int PREHASH_LENGTH = 64;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long[] NO_MEMORY = new long[0];
  private static final long[] ZERO_BLOCK = new long[128];

  private long[] memory = NO_MEMORY;
  private final long[] r = new long[BLOCK_LONGS];
  private final long[] z = new long[BLOCK_LONGS];
  private final long[] addresses = new long[BLOCK_LONGS];
  private final long[] addressInput = new long[BLOCK_LONGS];
  private final byte[] blockBytes = new byte[BLOCK_BYTES];
  private final byte[] seed = new byte[PREHASH_LENGTH + 8];
  private final byte[] chain = new byte[64];
  private final Blake2bDigest blake512 = new Blake2bDigest(512);

  private int lanes;
  private int segmentLength;
  private int laneLength;
  private int blockCount;
  private int passes;

  /** The memory this instance holds (for tests and sizing), in longs. */
  int capacityLongs() {
    return memory.length;
  }

  /** The m' blocks (KiB) actually used for {@code memoryKib} and {@code parallelism}. */
  static int blocks(int memoryKib, int parallelism) {
    return memoryKib / (SYNC_POINTS * parallelism) * SYNC_POINTS * parallelism;
  }

  /** Whether {@link #hash} accepts these parameters (RFC 9106 §3.1 and one Java array). */
  static boolean accepts(int memoryKib, int iterations, int parallelism, int outLen) {
    return parallelism >= 1
        && parallelism <= MAX_LANES
        && iterations >= 1
        && outLen >= MIN_OUTPUT_LENGTH
        && memoryKib >= 8 * parallelism
        && blocks(memoryKib, parallelism) <= MAX_BLOCKS;
  }

  /** The Argon2id tag of {@code outLen} bytes, without secret and associated data. */
  byte[] hash(
      byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int outLen) {
    return hash(password, salt, null, null, memoryKib, iterations, parallelism, outLen);
  }

  /**
   * The Argon2id tag of {@code outLen} bytes, with the optional secret K and associated data X
   * ({@code null} = empty), as RFC 9106's test vectors use them.
   */
  byte[] hash(
      byte[] password,
      byte[] salt,
      byte[] secret,
      byte[] associatedData,
      int memoryKib,
      int iterations,
      int parallelism,
      int outLen) {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(salt, "salt");
    if (!accepts(memoryKib, iterations, parallelism, outLen)) {
      throw new IllegalArgumentException(
          "invalid Argon2 parameters: m="
              + memoryKib
              + " t="
              + iterations
              + " p="
              + parallelism
              + " length="
              + outLen);
    }
    lanes = parallelism;
    passes = iterations;
    segmentLength = memoryKib / (SYNC_POINTS * parallelism);
    laneLength = segmentLength * SYNC_POINTS;
    blockCount = laneLength * parallelism;
    int used = blockCount * BLOCK_LONGS;
    if (memory.length < used) {
      // drop the old array first so that both are never held at once
      memory = NO_MEMORY;
      memory = new long[used];
    }
    byte[] tag = new byte[outLen];
    try {
      initialHash(password, salt, secret, associatedData, memoryKib, outLen);
      firstBlocks();
      for (int pass = 0; pass < passes; pass++) {
        for (int slice = 0; slice < SYNC_POINTS; slice++) {
          for (int lane = 0; lane < lanes; lane++) {
            fillSegment(pass, lane, slice);
          }
        }
      }
      finalBlockBytes();
      variableHash(tag, 0, outLen, blockBytes, BLOCK_BYTES);
      return tag;
    } finally {
      Arrays.fill(memory, 0, used, 0L);
      Arrays.fill(r, 0L);
      Arrays.fill(z, 0L);
      Arrays.fill(addresses, 0L);
      Arrays.fill(addressInput, 0L);
      Arrays.fill(blockBytes, (byte) 0);
      Arrays.fill(seed, (byte) 0);
      Arrays.fill(chain, (byte) 0);
      blake512.reset();
    }
  }

  /** H0 = H^64(p, T, m, t, v, y, |P|, P, |S|, S, |K|, K, |X|, X) into {@code seed[0, 64)}. */
  private void initialHash(
      byte[] password, byte[] salt, byte[] secret, byte[] associatedData, int m, int outLen) {
    Blake2bDigest digest = blake512;
    digest.reset();
    le32(digest, lanes);
    le32(digest, outLen);
    le32(digest, m);
    le32(digest, passes);
    le32(digest, VERSION);
    le32(digest, TYPE_ID);
    lengthPrefixed(digest, password);
    lengthPrefixed(digest, salt);
    lengthPrefixed(digest, secret);
    lengthPrefixed(digest, associatedData);
    digest.doFinal(seed, 0);
  }

  /** B[i][0] = H'^1024(H0 || LE32(0) || LE32(i)), B[i][1] = H'^1024(H0 || LE32(1) || LE32(i)). */
  private void firstBlocks() {
    for (int lane = 0; lane < lanes; lane++) {
      for (int column = 0; column < 2; column++) {
        putLe32(seed, PREHASH_LENGTH, column);
        putLe32(seed, PREHASH_LENGTH + 4, lane);
        variableHash(blockBytes, 0, BLOCK_BYTES, seed, seed.length);
        int offset = (lane * laneLength + column) * BLOCK_LONGS;
        for (int i = 0; i < BLOCK_LONGS; i++) {
          memory[offset + i] = (long) LONG_LE.get(blockBytes, i * 8);
        }
      }
    }
  }

  private void fillSegment(int pass, int lane, int slice) {
    boolean dataIndependent = pass == 0 && slice < SYNC_POINTS / 2;
    int start = pass == 0 && slice == 0 ? 2 : 0;
    if (dataIndependent) {
      Arrays.fill(addressInput, 0L);
      addressInput[0] = pass;
      addressInput[1] = lane;
      addressInput[2] = slice;
      addressInput[3] = blockCount;
      addressInput[4] = passes;
      addressInput[5] = TYPE_ID;
      if (start != 0) {
        // the first two blocks are already there, so index 0 never asks for addresses
        nextAddresses();
      }
    }
    long[] mem = memory;
    int laneStart = lane * laneLength;
    for (int index = start; index < segmentLength; index++) {
      int column = slice * segmentLength + index;
      int current = laneStart + column;
      int previous = column == 0 ? laneStart + laneLength - 1 : current - 1;
      long pseudoRandom;
      if (dataIndependent) {
        int k = index % BLOCK_LONGS;
        if (k == 0) {
          nextAddresses();
        }
        pseudoRandom = addresses[k];
      } else {
        pseudoRandom = mem[previous * BLOCK_LONGS];
      }
      int refLane =
          (pass == 0 && slice == 0) || lanes == 1 ? lane : (int) ((pseudoRandom >>> 32) % lanes);
      int refColumn = referenceColumn(pass, slice, index, refLane == lane, pseudoRandom);
      fillBlock(
          previous * BLOCK_LONGS,
          (refLane * laneLength + refColumn) * BLOCK_LONGS,
          current * BLOCK_LONGS,
          pass > 0);
    }
  }

  /** RFC 9106 §3.4.2: maps J1 onto the blocks the current one may reference. */
  private int referenceColumn(int pass, int slice, int index, boolean sameLane, long pseudoRandom) {
    int areaSize;
    int startPosition;
    int finishedSegments = pass == 0 ? slice : SYNC_POINTS - 1;
    if (sameLane) {
      areaSize = finishedSegments * segmentLength + index - 1;
    } else {
      areaSize = finishedSegments * segmentLength + (index == 0 ? -1 : 0);
    }
    if (pass == 0 || slice == SYNC_POINTS - 1) {
      startPosition = 0;
    } else {
      startPosition = (slice + 1) * segmentLength;
    }
    long j1 = pseudoRandom & 0xFFFFFFFFL;
    long x = (j1 * j1) >>> 32;
    long y = (areaSize * x) >>> 32;
    long zz = areaSize - 1 - y;
    // (start + zz) mod laneLength, with both below laneLength
    long position = startPosition + zz;
    return (int) (position < laneLength ? position : position - laneLength);
  }

  /** Next block of data-independent addresses: G(0, G(0, input)) after the counter is bumped. */
  private void nextAddresses() {
    addressInput[6]++;
    compress(addressInput, 0, ZERO_BLOCK, 0, addresses, 0, false);
    compress(addresses, 0, ZERO_BLOCK, 0, addresses, 0, false);
  }

  /** B[current] = G(B[previous], B[reference]), XORed into the old B[current] after pass 0. */
  private void fillBlock(int previous, int reference, int current, boolean xorIntoCurrent) {
    compress(memory, previous, memory, reference, memory, current, xorIntoCurrent);
  }

  /**
   * The compression function G (RFC 9106 §3.5): R = X ⊕ Y, Q = P on the 8 rows of R (16 consecutive
   * longs each), Z = P on the 8 columns of Q (2 longs every 16: the block seen as 8×8 registers of
   * 16 bytes), out = Z ⊕ R, or out ⊕= Z ⊕ R. The row rounds read X ⊕ Y straight from the blocks and
   * the column rounds write straight into {@code out}, so R and Q are only kept in two scratch
   * blocks that stay in the L1 cache. {@code out} may be X or Y: both are read in full before the
   * first write.
   */
  private void compress(
      long[] x, int xo, long[] y, int yo, long[] out, int oo, boolean xorIntoOut) {
    long[] r = this.r;
    long[] z = this.z;
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

  /** The XOR of the lanes' last blocks, little-endian into {@code blockBytes}. */
  private void finalBlockBytes() {
    int last = (laneLength - 1) * BLOCK_LONGS;
    int laneStride = laneLength * BLOCK_LONGS;
    for (int i = 0; i < BLOCK_LONGS; i++) {
      long v = memory[last + i];
      for (int lane = 1; lane < lanes; lane++) {
        v ^= memory[lane * laneStride + last + i];
      }
      LONG_LE.set(blockBytes, i * 8, v);
    }
  }

  /** H' (RFC 9106 §3.3): {@code length} bytes of {@code input[0, inputLength)} into {@code out}. */
  private void variableHash(byte[] out, int offset, int length, byte[] input, int inputLength) {
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

  private static void putLe32(byte[] to, int offset, int n) {
    to[offset] = (byte) n;
    to[offset + 1] = (byte) (n >>> 8);
    to[offset + 2] = (byte) (n >>> 16);
    to[offset + 3] = (byte) (n >>> 24);
  }
}
