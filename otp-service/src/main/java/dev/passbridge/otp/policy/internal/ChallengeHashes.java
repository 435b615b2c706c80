package dev.passbridge.otp.policy.internal;

import dev.passbridge.otp.policy.AccountStrikes;
import dev.passbridge.otp.policy.OtpChallenge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fields of the Redis hashes {@link RedisChallengeStore} keeps: a login's challenge ({@code
 * otp:code:<loginId>}) and an account's strikes ({@code otp:account:<userId>}), as field/value
 * pairs to write and back from what {@code HGETALL} returns. The field names are stored state:
 * renaming one loses the codes and locks in flight.
 */
final class ChallengeHashes {
  private ChallengeHashes() {}

  static List<String> encode(OtpChallenge c, long version) {
    List<String> f = new ArrayList<>(30);
    add(f, "gen", Long.toString(version));
    add(f, "user", c.userId().toString());
    add(f, "channel", c.channel());
    add(f, "dest", c.destination());
    add(f, "hmac", Base64.getEncoder().encodeToString(c.codeHmac()));
    add(f, "sent", Long.toString(c.sentAt().toEpochMilli()));
    add(f, "exp", Long.toString(c.expiresAt().toEpochMilli()));
    add(f, "att", Integer.toString(c.attempts()));
    add(f, "rs", Integer.toString(c.resends()));
    add(f, "lock", c.locked() ? "1" : "0");
    add(f, "lockAnn", c.lockAnnounced() ? "1" : "0");
    if (c.lockEventId() != null) {
      add(f, "lockEvt", c.lockEventId().toString());
    }
    if (c.verifiedEventId() != null) {
      add(f, "verEvt", c.verifiedEventId().toString());
    }
    if (c.pendingEventId() != null) {
      add(f, "pendEvt", c.pendingEventId().toString());
    }
    if (c.accountLock()) {
      add(f, "lockAcct", "1");
    }
    if (c.binding() != null) {
      add(f, "bind", c.binding());
    }
    if (c.verifyingUntil() != null) {
      add(f, "verUntil", Long.toString(c.verifyingUntil().toEpochMilli()));
    }
    return f;
  }

  static OtpChallenge decode(String loginId, Map<Object, Object> h) {
    return new OtpChallenge(
        loginId,
        UUID.fromString(str(h, "user")),
        str(h, "channel"),
        str(h, "dest"),
        Base64.getDecoder().decode(str(h, "hmac")),
        Instant.ofEpochMilli(Long.parseLong(str(h, "sent"))),
        Instant.ofEpochMilli(Long.parseLong(str(h, "exp"))),
        Integer.parseInt(str(h, "att")),
        Integer.parseInt(str(h, "rs")),
        "1".equals(str(h, "lock")),
        uuid(h, "lockEvt"),
        "1".equals(str(h, "lockAnn")),
        uuid(h, "verEvt"),
        uuid(h, "pendEvt"),
        "1".equals(h.get("lockAcct")),
        h.get("bind") == null ? null : h.get("bind").toString(),
        h.get("verUntil") == null
            ? null
            : Instant.ofEpochMilli(Long.parseLong(h.get("verUntil").toString())));
  }

  static List<String> encodeAccount(AccountStrikes a, long version) {
    List<String> f = new ArrayList<>(12);
    add(f, "gen", Long.toString(version));
    add(
        f,
        "fails",
        String.join(",", a.failures().stream().map(t -> Long.toString(t.toEpochMilli())).toList()));
    add(f, "lockAnn", a.lockAnnounced() ? "1" : "0");
    if (a.lockedUntil() != null) {
      add(f, "until", Long.toString(a.lockedUntil().toEpochMilli()));
      add(f, "lockEvt", a.lockEventId().toString());
      add(f, "lockLogin", a.lockLoginId());
    }
    return f;
  }

  static AccountStrikes decodeAccount(UUID userId, Map<Object, Object> h) {
    String fails = str(h, "fails");
    List<Instant> failures =
        fails.isEmpty()
            ? List.of()
            : Arrays.stream(fails.split(","))
                .map(ms -> Instant.ofEpochMilli(Long.parseLong(ms)))
                .toList();
    Object until = h.get("until");
    return new AccountStrikes(
        userId,
        failures,
        until == null ? null : Instant.ofEpochMilli(Long.parseLong(until.toString())),
        uuid(h, "lockEvt"),
        until == null ? null : str(h, "lockLogin"),
        "1".equals(str(h, "lockAnn")));
  }

  static void add(List<String> fields, String name, String value) {
    fields.add(name);
    fields.add(value);
  }

  static String str(Map<Object, Object> hash, String field) {
    Object value = hash.get(field);
    if (value == null) {
      throw new IllegalStateException("OTP state is missing field " + field);
    }
    return value.toString();
  }

  static UUID uuid(Map<Object, Object> hash, String field) {
    Object value = hash.get(field);
    return value == null ? null : UUID.fromString(value.toString());
  }
}
