package dev.passbridge.auth.password;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Argon2id ({@link Argon2id}, our own implementation): 16-byte salt, 32-byte hash, encoded as
 * {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash} exactly as Spring Security's {@code
 * Argon2PasswordEncoder} did (Base64 without padding, the password as UTF-8), so every hash made
 * before still verifies and Spring's encoder verifies ours. This class is that encoder: the
 * parameters, the strings and the UTF-8 bytes. Each hashing thread owns one {@link Argon2id} and so
 * one block memory of {@code memoryKib} that it keeps for its life and wipes after every hash;
 * {@link HashingCapacity} bounds how many run at once (at most {@code maxConcurrent × memoryKib} is
 * held) and runs them on its own platform threads ({@code auth-argon2-*}), never on the caller's
 * virtual thread. Close the hasher to stop its threads (and free their memory).
 */
public final class Argon2PasswordHasher implements PasswordHasher, AutoCloseable {
  public static final int SALT_LENGTH = 16;
  public static final int HASH_LENGTH = 32;

  private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
  // the basic decoder, as Spring's: padding optional, nothing but the Base64 alphabet
  private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final SecureRandom random = new SecureRandom();
  // only the hashing threads (a fixed pool) ever ask: one workspace each, held for their life
  private final ThreadLocal<Argon2id> workspaces = ThreadLocal.withInitial(Argon2id::new);
  private final HashingCapacity capacity;

  public Argon2PasswordHasher(
      int memoryKib, int iterations, int parallelism, int maxConcurrent, Duration queueTimeout) {
    this(
        memoryKib,
        iterations,
        parallelism,
        maxConcurrent,
        queueTimeout,
        Thread.ofPlatform().daemon().name("auth-argon2-", 0).factory());
  }

  Argon2PasswordHasher(
      int memoryKib,
      int iterations,
      int parallelism,
      int maxConcurrent,
      Duration queueTimeout,
      ThreadFactory threads) {
    if (!Argon2id.accepts(memoryKib, iterations, parallelism, HASH_LENGTH)) {
      throw new IllegalArgumentException(
          "invalid Argon2id parameters: m=" + memoryKib + " t=" + iterations + " p=" + parallelism);
    }
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.capacity = new HashingCapacity(maxConcurrent, queueTimeout, threads);
  }

  public static Argon2PasswordHasher of(PasswordHashingProperties p) {
    return new Argon2PasswordHasher(
        p.memoryKib(),
        p.iterations(),
        p.parallelism(),
        p.effectiveMaxConcurrent(),
        p.queueTimeout());
  }

  /**
   * A new encoded hash with a fresh salt.
   *
   * @throws IllegalArgumentException if the password is not well-formed UTF-16 (a lone surrogate
   *     has no UTF-8 form; Spring's encoder refused it too)
   */
  @Override
  public String hash(CharSequence password) {
    Objects.requireNonNull(password, "password");
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    byte[] key =
        capacity.run(() -> derive(password, salt, memoryKib, iterations, parallelism, HASH_LENGTH));
    if (key == null) {
      throw new IllegalArgumentException("the password is not well-formed UTF-16");
    }
    return encode(memoryKib, iterations, parallelism, salt, key);
  }

  /**
   * As Spring's {@code Argon2PasswordEncoder.matches}: an empty password never matches, and neither
   * does a hash that does not parse or that is not Argon2id version 19 (this hasher's only kind);
   * malformed input is {@code false}, never an exception.
   */
  @Override
  public boolean verify(CharSequence password, String encodedHash) {
    if (password == null || password.isEmpty()) {
      return false;
    }
    EncodedHash stored = EncodedHash.parse(encodedHash);
    if (stored == null || !stored.verifiable()) {
      return false;
    }
    byte[] expected = stored.hash();
    byte[] actual =
        capacity.run(
            () ->
                derive(
                    password,
                    stored.salt(),
                    stored.memoryKib(),
                    stored.iterations(),
                    stored.parallelism(),
                    expected.length));
    if (actual == null) {
      return false;
    }
    try {
      return MessageDigest.isEqual(expected, actual);
    } finally {
      Arrays.fill(actual, (byte) 0);
    }
  }

  /**
   * As Spring's {@code Argon2PasswordEncoder.upgradeEncoding}: lower memory or fewer iterations
   * than configured; a hash that does not parse needs one too; {@code null} or empty does not
   * (there is nothing to replace).
   */
  @Override
  public boolean needsRehash(String encodedHash) {
    if (encodedHash == null || encodedHash.isEmpty()) {
      return false;
    }
    EncodedHash stored = EncodedHash.parse(encodedHash);
    return stored == null || stored.memoryKib() < memoryKib || stored.iterations() < iterations;
  }

  /** The key on this thread's workspace; {@code null} if the password has no UTF-8 form. */
  private byte[] derive(CharSequence password, byte[] salt, int m, int t, int p, int length) {
    byte[] utf8 = utf8(password);
    if (utf8 == null) {
      return null;
    }
    try {
      return workspaces.get().hash(utf8, salt, m, t, p, length);
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
  }

  /**
   * UTF-8 as Spring's encoder got it ({@code toString().toCharArray()}, then Bouncy Castle's strict
   * UTF-8: the same bytes as {@code String.getBytes(UTF_8)} for well-formed text), but {@code null}
   * for a lone surrogate, where the JDK would write {@code '?'} and Bouncy Castle threw. Into an
   * array of the exact length, so that it can be wiped.
   */
  static byte[] utf8(CharSequence text) {
    int n = text.length();
    int length = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (!Character.isSurrogate(c)) {
        length += 3;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        length += 4;
        i++;
      } else {
        return null;
      }
    }
    byte[] out = new byte[length];
    int at = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        out[at++] = (byte) c;
      } else if (c < 0x800) {
        out[at++] = (byte) (0xC0 | c >> 6);
        out[at++] = (byte) (0x80 | c & 0x3F);
      } else if (!Character.isSurrogate(c)) {
        out[at++] = (byte) (0xE0 | c >> 12);
        out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
        out[at++] = (byte) (0x80 | c & 0x3F);
      } else {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        out[at++] = (byte) (0xF0 | cp >> 18);
        out[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
        out[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
        out[at++] = (byte) (0x80 | cp & 0x3F);
      }
    }
    return out;
  }

  static String encode(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    return "$argon2id$v="
        + Argon2id.VERSION
        + "$m="
        + memoryKib
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + BASE64.encodeToString(salt)
        + "$"
        + BASE64.encodeToString(hash);
  }

  /**
   * An encoded hash, read as Spring's {@code Argon2EncodingUtils.decode} reads it (same splitting,
   * same optional {@code v=}, same number and Base64 parsing), so that {@link #needsRehash} answers
   * as before for every string; {@link #verifiable} then narrows to what {@link Argon2id} computes.
   */
  record EncodedHash(
      String type,
      int version,
      int memoryKib,
      int iterations,
      int parallelism,
      byte[] salt,
      byte[] hash) {

    /** {@code null} where Spring's decoder threw. */
    static EncodedHash parse(String encoded) {
      if (encoded == null) {
        return null;
      }
      try {
        String[] parts = encoded.split("\\$");
        if (parts.length < 4) {
          return null;
        }
        int at = 1;
        String type = parts[at++];
        if (!type.equals("argon2id") && !type.equals("argon2i") && !type.equals("argon2d")) {
          return null;
        }
        int version = Argon2id.VERSION; // Bouncy Castle's default when v= is absent
        if (parts[at].startsWith("v=")) {
          version = Integer.parseInt(parts[at].substring(2));
          at++;
        }
        String[] costs = parts[at++].split(",");
        if (costs.length != 3
            || !costs[0].startsWith("m=")
            || !costs[1].startsWith("t=")
            || !costs[2].startsWith("p=")) {
          return null;
        }
        int memoryKib = Integer.parseInt(costs[0].substring(2));
        int iterations = Integer.parseInt(costs[1].substring(2));
        int parallelism = Integer.parseInt(costs[2].substring(2));
        byte[] salt = BASE64_DECODER.decode(parts[at++]);
        byte[] hash = BASE64_DECODER.decode(parts[at]);
        return new EncodedHash(type, version, memoryKib, iterations, parallelism, salt, hash);
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        return null;
      }
    }

    /** Argon2id version 19 with parameters RFC 9106 allows: what this hasher can recompute. */
    boolean verifiable() {
      return type.equals("argon2id")
          && version == Argon2id.VERSION
          && Argon2id.accepts(memoryKib, iterations, parallelism, hash.length);
    }
  }

  /** Stops the hashing threads (hashes already running finish). */
  @Override
  public void close() {
    capacity.close();
  }
}
