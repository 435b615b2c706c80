package dev.passbridge.intelligence.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Stable rollout buckets: SHA-256 of {@code salt:userId}, first four bytes as an unsigned number,
 * modulo 100. A user keeps the bucket across logins, instances and restarts; raising the percentage
 * only adds users.
 */
public final class Rollout {
  private Rollout() {}

  public static int bucket(UUID userId, String salt) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((salt + ":" + userId).getBytes(StandardCharsets.UTF_8));
      long value =
          ((hash[0] & 0xFFL) << 24)
              | ((hash[1] & 0xFFL) << 16)
              | ((hash[2] & 0xFFL) << 8)
              | (hash[3] & 0xFFL);
      return (int) (value % 100);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  public static boolean inside(UUID userId, String salt, int percent) {
    return bucket(userId, salt) < percent;
  }
}
