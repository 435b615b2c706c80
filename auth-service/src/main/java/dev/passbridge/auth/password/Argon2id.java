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
 * <p>This class is the memory: its layout, the filling pass by pass, slice by slice, and the choice
 * of reference blocks (RFC 9106 §3.4). The compression function G is {@link Argon2Compression}, H0
 * and H' are {@link Argon2Blake2b}; both work on the scratch buffers held here, so that one
 * instance owns (and wipes) everything a hash touches.
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
      Argon2Blake2b.initialHash(
          blake512,
          seed,
          lanes,
          outLen,
          memoryKib,
          passes,
          VERSION,
          TYPE_ID,
          password,
          salt,
          secret,
          associatedData);
      firstBlocks();
      for (int pass = 0; pass < passes; pass++) {
        for (int slice = 0; slice < SYNC_POINTS; slice++) {
          for (int lane = 0; lane < lanes; lane++) {
            fillSegment(pass, lane, slice);
          }
        }
      }
      finalBlockBytes();
      Argon2Blake2b.variableHash(blake512, chain, tag, 0, outLen, blockBytes, BLOCK_BYTES);
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

  /** B[i][0] = H'^1024(H0 || LE32(0) || LE32(i)), B[i][1] = H'^1024(H0 || LE32(1) || LE32(i)). */
  private void firstBlocks() {
    for (int lane = 0; lane < lanes; lane++) {
      for (int column = 0; column < 2; column++) {
        Argon2Blake2b.putLe32(seed, PREHASH_LENGTH, column);
        Argon2Blake2b.putLe32(seed, PREHASH_LENGTH + 4, lane);
        Argon2Blake2b.variableHash(blake512, chain, blockBytes, 0, BLOCK_BYTES, seed, seed.length);
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
    Argon2Compression.compress(addressInput, 0, ZERO_BLOCK, 0, addresses, 0, false, r, z);
    Argon2Compression.compress(addresses, 0, ZERO_BLOCK, 0, addresses, 0, false, r, z);
  }

  /** B[current] = G(B[previous], B[reference]), XORed into the old B[current] after pass 0. */
  private void fillBlock(int previous, int reference, int current, boolean xorIntoCurrent) {
    Argon2Compression.compress(
        memory, previous, memory, reference, memory, current, xorIntoCurrent, r, z);
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
}
