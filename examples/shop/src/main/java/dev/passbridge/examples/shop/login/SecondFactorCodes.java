package dev.passbridge.examples.shop.login;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

/**
 * The shop's second factor: a 6-digit code per password login, stored as a hash (the password
 * encoder's), valid for 5 minutes, used at most once, and void after 5 wrong tries. A new code
 * voids the user's earlier ones.
 */
public class SecondFactorCodes {
  static final Duration LIFETIME = Duration.ofMinutes(5);
  static final int MAX_ATTEMPTS = 5;

  /** What a check of a code found. */
  public enum Check {
    ACCEPTED,
    WRONG,
    /** expired, used, voided by a newer code or by too many wrong tries: log in again */
    GONE
  }

  private final JdbcClient jdbc;
  private final PasswordEncoder encoder;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public SecondFactorCodes(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    this.clock = clock;
  }

  /** A new code for this user (the plain code goes to the user only, never to a log). */
  @Transactional
  public String issue(String userId) {
    Instant now = clock.instant();
    jdbc.sql(
            "UPDATE second_factor_code SET used_at = :now WHERE user_id = :user AND used_at IS NULL")
        .param("now", at(now))
        .param("user", userId)
        .update();
    String code = String.format("%06d", random.nextInt(1_000_000));
    jdbc.sql(
            "INSERT INTO second_factor_code (id, user_id, code_hash, expires_at, attempts)"
                + " VALUES (:id, :user, :hash, :expires, 0)")
        .param("id", UUID.randomUUID().toString())
        .param("user", userId)
        .param("hash", encoder.encode(code))
        .param("expires", at(now.plus(LIFETIME)))
        .update();
    return code;
  }

  /** Checks a code against the user's current one; an accepted code is used up. */
  @Transactional
  public Check check(String userId, String code) {
    Instant now = clock.instant();
    Optional<Current> current =
        jdbc.sql(
                "SELECT id, code_hash, expires_at, attempts FROM second_factor_code"
                    + " WHERE user_id = :user AND used_at IS NULL FOR UPDATE")
            .param("user", userId)
            .query(
                (rs, n) ->
                    new Current(
                        rs.getString("id"),
                        rs.getString("code_hash"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                        rs.getInt("attempts")))
            .optional();
    if (current.isEmpty()) {
      return Check.GONE;
    }
    Current c = current.get();
    if (!now.isBefore(c.expiresAt()) || c.attempts() >= MAX_ATTEMPTS) {
      use(c.id(), now);
      return Check.GONE;
    }
    if (code == null || !code.matches("\\d{6}") || !encoder.matches(code, c.hash())) {
      int attempts = c.attempts() + 1;
      jdbc.sql("UPDATE second_factor_code SET attempts = :a WHERE id = :id")
          .param("a", attempts)
          .param("id", c.id())
          .update();
      if (attempts >= MAX_ATTEMPTS) {
        use(c.id(), now);
        return Check.GONE;
      }
      return Check.WRONG;
    }
    use(c.id(), now);
    return Check.ACCEPTED;
  }

  private void use(String id, Instant now) {
    jdbc.sql("UPDATE second_factor_code SET used_at = :now WHERE id = :id")
        .param("now", at(now))
        .param("id", id)
        .update();
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private record Current(String id, String hash, Instant expiresAt, int attempts) {}
}
