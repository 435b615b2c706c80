package dev.passbridge.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Hashes stored by Spring Security's {@code Argon2PasswordEncoder} (the previous implementation)
 * verify with {@link Argon2PasswordHasher} and the other way round; rehash answers are the same.
 */
class Argon2SpringCompatibilityTest {
  private static final int M = 1024;
  private static final int T = 2;
  private static final List<String> PASSWORDS =
      List.of(
          "passbridge-alice-1",
          "x",
          "pässwörd mit Ümlaut €",
          "パスワード",
          "emoji \uD83D\uDD11 and clef \uD834\uDD1E",
          " leading and trailing spaces ",
          "a".repeat(128));

  private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, M, T);
  private final List<Argon2PasswordHasher> opened = new ArrayList<>();
  private final Argon2PasswordHasher hasher = hasher(M, T, 1);

  @AfterEach
  void close() {
    opened.forEach(Argon2PasswordHasher::close);
  }

  private Argon2PasswordHasher hasher(int m, int t, int p) {
    Argon2PasswordHasher h = new Argon2PasswordHasher(m, t, p, 2, Duration.ofSeconds(30));
    opened.add(h);
    return h;
  }

  @Test
  void verifiesHashesMadeBySpringsEncoder() {
    for (String password : PASSWORDS) {
      String stored = spring.encode(password);
      assertThat(hasher.verify(password, stored)).as(password).isTrue();
      assertThat(hasher.verify(password + "!", stored)).as("wrong: " + password).isFalse();
    }
  }

  @Test
  void springsEncoderVerifiesOurHashes() {
    for (String password : PASSWORDS) {
      String ours = hasher.hash(password);
      assertThat(spring.matches(password, ours)).as(password).isTrue();
      assertThat(hasher.verify(password, ours)).as(password).isTrue();
      assertThat(spring.matches(password.toUpperCase() + "?", ours)).isFalse();
      assertThat(hasher.verify(password.toUpperCase() + "?", ours)).isFalse();
    }
  }

  @Test
  void verifiesSpringHashesMadeWithTheProductionDefaultsAndOtherParameters() {
    Argon2PasswordEncoder defaults = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);
    assertThat(hasher.verify("passbridge-bob-1", defaults.encode("passbridge-bob-1"))).isTrue();
    // parallelism 3, another salt and hash length: all taken from the stored string
    Argon2PasswordEncoder other = new Argon2PasswordEncoder(24, 48, 3, 96, 3);
    String stored = other.encode("lanes");
    assertThat(hasher.verify("lanes", stored)).isTrue();
    assertThat(hasher.verify("Lanes", stored)).isFalse();
    // Spring's own defaults of 5.2 and 5.8
    assertThat(
            hasher.verify(
                "old", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_2().encode("old")))
        .isTrue();
    assertThat(
            hasher.verify(
                "new", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("new")))
        .isTrue();
  }

  @Test
  void writesSpringsEncodedFormat() {
    Argon2PasswordHasher defaults = hasher(19456, 2, 1);
    assertThat(defaults.hash("format"))
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hasher(64, 3, 4).hash("format"))
        .matches("\\$argon2id\\$v=19\\$m=64,t=3,p=4\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
  }

  @Test
  void hashesTheUtf8OfThePasswordAsSpringsEncoderDid() {
    for (String password : PASSWORDS) {
      assertThat(Argon2PasswordHasher.utf8(password))
          .as(password)
          .isEqualTo(password.getBytes(StandardCharsets.UTF_8));
    }
    // a CharSequence that is not a String hashes as its toString()
    String stored = spring.encode("builder-password");
    assertThat(hasher.verify(new StringBuilder("builder-password"), stored)).isTrue();
  }

  @Test
  void aPasswordWithALoneSurrogateNeverVerifiesAndCannotBeHashed() {
    String lone = "broken \uD83D password";
    assertThat(Argon2PasswordHasher.utf8(lone)).isNull();
    assertThat(Argon2PasswordHasher.utf8("\uDD11 low first")).isNull();
    assertThat(Argon2PasswordHasher.utf8("high last \uD83D")).isNull();
    assertThat(hasher.verify(lone, hasher.hash("broken ? password"))).isFalse();
    // Spring's encoder (Bouncy Castle's strict UTF-8) threw IllegalStateException here
    assertThatThrownBy(() -> spring.encode(lone)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> hasher.hash(lone)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmptyPasswordNeverVerifiesAsWithSpring() {
    String stored = spring.encode("");
    assertThat(spring.matches("", stored)).isFalse();
    assertThat(hasher.verify("", stored)).isFalse();
    assertThat(hasher.verify(null, stored)).isFalse();
  }

  @Test
  void malformedHashesAreFalseNeverAnException() {
    String good = spring.encode("pw");
    String[] parts = good.split("\\$");
    String salt = parts[4];
    String hash = parts[5];
    List<String> malformed =
        Arrays.asList(
            null,
            "",
            "$",
            "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
            "$argon2id",
            "$argon2id$v=19$m=1024,t=2,p=1",
            "$argon2id$v=19$m=1024,t=2,p=1$" + salt,
            "$argon2id$v=19$m=1024,t=2,p=1$" + salt + "$",
            "$argon2id$v=19$m=1024,t=2$" + salt + "$" + hash,
            "$argon2id$v=19$m=1024,t=2,p=1,x=3$" + salt + "$" + hash,
            "$argon2id$v=19$m=lots,t=2,p=1$" + salt + "$" + hash,
            "$argon2id$v=nineteen$m=1024,t=2,p=1$" + salt + "$" + hash,
            "$argon2id$v=19$t=2,m=1024,p=1$" + salt + "$" + hash,
            "$argon2id$v=19$m=1024,t=2,p=1$not*base64$" + hash,
            "$argon2id$v=19$m=1024,t=2,p=1$" + salt + "$%%%",
            "$argon2id$v=19$m=1024,t=0,p=1$" + salt + "$" + hash,
            "$argon2id$v=19$m=1024,t=2,p=0$" + salt + "$" + hash,
            "$argon2id$v=19$m=1024,t=-2,p=1$" + salt + "$" + hash,
            "$argon2id$v=19$m=1,t=2,p=1$" + salt + "$" + hash,
            "$argon2id$v=19$m=4,t=2,p=2$" + salt + "$" + hash,
            "$argon2id$v=19$m=1024,t=2,p=1$" + salt + "$AAA",
            "$argon2id$v=19$m=2147483647,t=2,p=1$" + salt + "$" + hash,
            "$argon2id$v=16$m=1024,t=2,p=1$" + salt + "$" + hash,
            "$argon2i$v=19$m=1024,t=2,p=1$" + salt + "$" + hash,
            "$argon2d$v=19$m=1024,t=2,p=1$" + salt + "$" + hash,
            "$scrypt$v=19$m=1024,t=2,p=1$" + salt + "$" + hash,
            "argon2id$v=19$m=1024,t=2,p=1$" + salt + "$" + hash);
    for (String encoded : malformed) {
      assertThat(hasher.verify("pw", encoded)).as(String.valueOf(encoded)).isFalse();
    }
    assertThat(hasher.verify("pw", good)).isTrue();
  }

  @Test
  void acceptsWhatSpringsDecoderAcceptedAroundTheEdges() {
    String good = spring.encode("pw");
    String[] parts = good.split("\\$");
    // no v= (Bouncy Castle's default is 19), padded Base64, a trailing part after the hash
    String withoutVersion = "$argon2id$" + parts[3] + "$" + parts[4] + "$" + parts[5];
    String padded = good + "=";
    String trailing = good + "$ignored";
    for (String encoded : List.of(withoutVersion, padded, trailing)) {
      assertThat(spring.matches("pw", encoded)).as(encoded).isTrue();
      assertThat(hasher.verify("pw", encoded)).as(encoded).isTrue();
    }
  }

  @Test
  void needsRehashAnswersAsSpringsUpgradeEncoding() {
    Argon2PasswordEncoder current = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);
    Argon2PasswordHasher ours = hasher(19456, 2, 1);
    String salt = "c29tZXNhbHRzb21lc2FsdA";
    String hash = "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
    List<String> table = new ArrayList<>();
    for (String costs :
        List.of(
            "m=19456,t=2,p=1",
            "m=19455,t=2,p=1",
            "m=19456,t=1,p=1",
            "m=65536,t=1,p=1",
            "m=7168,t=5,p=1",
            "m=65536,t=3,p=1",
            "m=19456,t=2,p=4",
            "m=19456,t=2,p=0",
            "m=4096,t=3,p=1",
            "m=-1,t=2,p=1",
            "m=19456,t=x,p=1")) {
      table.add("$argon2id$v=19$" + costs + "$" + salt + "$" + hash);
    }
    table.addAll(
        Arrays.asList(
            null,
            "",
            "garbage",
            "$argon2id$v=19$m=65536,t=3,p=1$" + salt + "$" + hash.substring(0, 8),
            "$argon2id$m=19456,t=2,p=1$" + salt + "$" + hash,
            "$argon2id$m=19455,t=2,p=1$" + salt + "$" + hash,
            "$argon2id$v=16$m=19456,t=2,p=1$" + salt + "$" + hash,
            "$argon2i$v=19$m=65536,t=3,p=1$" + salt + "$" + hash,
            "$argon2d$v=19$m=1024,t=3,p=1$" + salt + "$" + hash,
            "$scrypt$v=19$m=65536,t=3,p=1$" + salt + "$" + hash,
            "$argon2id$v=19$m=19456,t=2,p=1$" + salt,
            "$argon2id$v=19$m=19456,t=2,p=1$***$" + hash,
            "$argon2id$v=19$m=19456,t=2$" + salt + "$" + hash,
            "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
            current.encode("fresh"),
            new Argon2PasswordEncoder(16, 32, 1, 1024, 2).encode("weak"),
            ours.hash("fresh")));
    for (String encoded : table) {
      assertThat(ours.needsRehash(encoded))
          .as(String.valueOf(encoded))
          .isEqualTo(springNeedsRehash(current, encoded));
    }
    // and the table covers both answers
    assertThat(table.stream().map(e -> springNeedsRehash(current, e))).contains(true, false);
  }

  /** What the previous {@code needsRehash} answered: Spring's, with exceptions as true. */
  private static boolean springNeedsRehash(Argon2PasswordEncoder encoder, String encoded) {
    try {
      return encoder.upgradeEncoding(encoded);
    } catch (RuntimeException e) {
      return true;
    }
  }
}
