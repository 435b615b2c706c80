package dev.passbridge.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our Argon2id against RFC 9106's test vector and, byte for byte, against Bouncy Castle's generator
 * (what Spring Security's encoder ran) on random inputs, including one instance reused across calls
 * of changing sizes.
 *
 * <p>The random cases are a property test in JUnit's terms (jqwik is not on auth-service's test
 * classpath): a fixed seed makes every run the same cases, and each case names its inputs.
 */
class Argon2idTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
  private static final long SEED = 0x9106_2021L;

  /** Shared by all random cases, in order: its memory grows and shrinks from case to case. */
  private static final Argon2id REUSED = new Argon2id();

  @Test
  void computesRfc9106Argon2idTestVector() {
    byte[] password = filled(32, 0x01);
    byte[] salt = filled(16, 0x02);
    byte[] secret = filled(8, 0x03);
    byte[] associatedData = filled(12, 0x04);

    byte[] tag = new Argon2id().hash(password, salt, secret, associatedData, 32, 3, 4, 32);

    assertThat(HEX.formatHex(tag))
        .isEqualTo(
            "0d 64 0d f5 8d 78 76 6c 08 c0 37 a3 4a 8b 53 c9"
                + " d0 1e f0 45 2d 75 b6 5e b5 25 20 e9 6b 01 e6 59");
  }

  @Test
  void agreesWithBouncyCastleOnRfc9106TestVector() {
    byte[] password = filled(32, 0x01);
    byte[] salt = filled(16, 0x02);
    byte[] secret = filled(8, 0x03);
    byte[] associatedData = filled(12, 0x04);
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withSecret(secret)
            .withAdditional(associatedData)
            .withMemoryAsKB(32)
            .withIterations(3)
            .withParallelism(4)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] expected = new byte[32];
    generator.generateBytes(password, expected);

    assertThat(new Argon2id().hash(password, salt, secret, associatedData, 32, 3, 4, 32))
        .isEqualTo(expected);
  }

  record Case(byte[] password, byte[] salt, int m, int t, int p, int length) {
    @Override
    public String toString() {
      return "m=%d t=%d p=%d length=%d password=%s salt=%s"
          .formatted(
              m, t, p, length, HexFormat.of().formatHex(password), HexFormat.of().formatHex(salt));
    }
  }

  /**
   * passwords 0..40 bytes, salts 8..32, p in [1, 4], m in [8p, 256], t in [1, 3], length [4, 64].
   */
  static Stream<Case> randomCases() {
    SplittableRandom random = new SplittableRandom(SEED);
    return IntStream.range(0, 60)
        .mapToObj(
            i -> {
              int p = random.nextInt(1, 5);
              return new Case(
                  bytes(random, random.nextInt(0, 41)),
                  bytes(random, random.nextInt(8, 33)),
                  random.nextInt(8 * p, 257),
                  random.nextInt(1, 4),
                  p,
                  random.nextInt(4, 65));
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("randomCases")
  void matchesBouncyCastleByteForByteOnOneReusedInstance(Case c) {
    byte[] expected = bouncyCastle(c.password(), c.salt(), c.m(), c.t(), c.p(), c.length());

    assertThat(REUSED.hash(c.password(), c.salt(), c.m(), c.t(), c.p(), c.length()))
        .isEqualTo(expected);
    assertThat(new Argon2id().hash(c.password(), c.salt(), c.m(), c.t(), c.p(), c.length()))
        .as("a fresh instance")
        .isEqualTo(expected);
  }

  @Test
  void aReusedInstanceGivesTheSameTagsWhenItsMemoryGrowsAndShrinks() {
    Argon2id reused = new Argon2id();
    byte[] password = "correct horse".getBytes(StandardCharsets.UTF_8);
    byte[] salt = filled(16, 0x5a);
    List<int[]> sizes =
        List.of(
            new int[] {64, 1, 1},
            new int[] {1024, 2, 1},
            new int[] {8, 1, 1},
            new int[] {512, 1, 4},
            new int[] {2048, 1, 2},
            new int[] {64, 3, 1},
            new int[] {1024, 2, 1});
    for (int[] s : sizes) {
      assertThat(reused.hash(password, salt, s[0], s[1], s[2], 32))
          .as("m=%d t=%d p=%d", s[0], s[1], s[2])
          .isEqualTo(bouncyCastle(password, salt, s[0], s[1], s[2], 32));
    }
    assertThat(reused.capacityLongs()).as("grown once, to the largest m").isEqualTo(2048 * 128);
  }

  @Test
  void matchesBouncyCastleForTagsLongerThanOneBlake2bOutput() {
    byte[] password = "pässwörd".getBytes(StandardCharsets.UTF_8);
    byte[] salt = filled(16, 0x11);
    for (int length : new int[] {63, 64, 65, 96, 97, 100, 128, 1024}) {
      assertThat(new Argon2id().hash(password, salt, 64, 1, 1, length))
          .as("length %d", length)
          .isEqualTo(bouncyCastle(password, salt, 64, 1, 1, length));
    }
  }

  @Test
  void roundsMemoryDownToWholeSegmentsLikeTheReference() {
    byte[] password = {1, 2, 3};
    byte[] salt = filled(8, 0x22);
    // m' = 4p × floor(m / 4p): 8 blocks for m=11 with p=1, 24 for m=35 with p=3
    assertThat(new Argon2id().hash(password, salt, 11, 2, 1, 16))
        .isEqualTo(bouncyCastle(password, salt, 11, 2, 1, 16));
    assertThat(new Argon2id().hash(password, salt, 35, 2, 3, 16))
        .isEqualTo(bouncyCastle(password, salt, 35, 2, 3, 16));
  }

  @Test
  void wipesItsBlockMemoryAfterEachHash() throws Exception {
    Argon2id argon2 = new Argon2id();
    argon2.hash(new byte[] {42}, filled(16, 7), 256, 2, 2, 32);

    Field memory = Argon2id.class.getDeclaredField("memory");
    memory.setAccessible(true);
    assertThat((long[]) memory.get(argon2)).hasSize(256 * 128).containsOnly(0L);
    for (String scratch : List.of("r", "z", "addresses", "addressInput")) {
      Field field = Argon2id.class.getDeclaredField(scratch);
      field.setAccessible(true);
      assertThat((long[]) field.get(argon2)).as(scratch).containsOnly(0L);
    }
    for (String scratch : List.of("blockBytes", "seed", "chain")) {
      Field field = Argon2id.class.getDeclaredField(scratch);
      field.setAccessible(true);
      assertThat((byte[]) field.get(argon2)).as(scratch).containsOnly((byte) 0);
    }
  }

  @Test
  void refusesParametersRfc9106DoesNotAllow() {
    Argon2id argon2 = new Argon2id();
    byte[] salt = filled(16, 1);
    assertThatThrownBy(() -> argon2.hash(new byte[1], salt, 7, 1, 1, 32))
        .as("m < 8p")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> argon2.hash(new byte[1], salt, 31, 1, 4, 32))
        .as("m < 8p")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> argon2.hash(new byte[1], salt, 64, 0, 1, 32))
        .as("t = 0")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> argon2.hash(new byte[1], salt, 64, 1, 0, 32))
        .as("p = 0")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> argon2.hash(new byte[1], salt, 64, 1, 1, 3))
        .as("tag shorter than 4 bytes")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> argon2.hash(new byte[1], salt, Integer.MAX_VALUE, 1, 1, 32))
        .as("more blocks than one Java array holds")
        .isInstanceOf(IllegalArgumentException.class);
    // and it still works afterwards
    assertThat(argon2.hash(new byte[1], salt, 64, 1, 1, 32))
        .isEqualTo(bouncyCastle(new byte[1], salt, 64, 1, 1, 32));
  }

  static byte[] bouncyCastle(byte[] password, byte[] salt, int m, int t, int p, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(m)
            .withIterations(t)
            .withParallelism(p)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    return out;
  }

  private static byte[] bytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
