package dev.passbridge.passkey.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.testsupport.EventCapture;
import dev.passbridge.testsupport.TestInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Passkey management (docs/services/passkey-service.md): the owner's passkeys only; delete goes out
 * through the outbox.
 */
@ExtendWith(OutputCaptureExtension.class)
class PasskeyManagementIT extends IntegrationTestBase {

  @Test
  void listRenameAndDeleteOwnPasskeys() {
    UUID alice = UUID.randomUUID();
    String synced = enrol(alice, Flags.conditional().withBackup(true, true));
    String deviceBound = enrol(alice, Flags.conditional());
    String session = TestSessions.token(alice, loginId());

    JsonNode list = http.get("/api/passkeys", session).body();
    assertThat(list).hasSize(2);
    JsonNode first = list.get(0);
    assertThat(first.get("id").asString()).isEqualTo(synced);
    assertThat(first.get("name").asString()).isEqualTo("Apple Passwords");
    assertThat(first.get("providerName").asString()).isEqualTo("Apple Passwords");
    assertThat(first.get("synced").asBoolean()).isTrue();
    assertThat(first.get("createdAt").asString()).isNotBlank();
    assertThat(first.get("lastUsedAt").isNull()).isTrue();
    assertThat(first.get("transports").findValuesAsString("transports")).isEmpty();
    assertThat(list.get(1).get("synced").asBoolean()).isFalse();

    Http.Response renamed =
        http.patch("/api/passkeys/" + deviceBound, session, Map.of("name", "  Work laptop "));
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.body().get("name").asString()).isEqualTo("Work laptop");
    assertThat(
            http.patch("/api/passkeys/" + deviceBound, session, Map.of("name", " ")).problemCode())
        .isEqualTo("validation-failed");
    assertThat(
            http.patch("/api/passkeys/" + deviceBound, session, Map.of("name", "x".repeat(65)))
                .problemCode())
        .isEqualTo("validation-failed");

    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.PASSKEY_DELETED)) {
      assertThat(http.delete("/api/passkeys/" + synced, session).status()).isEqualTo(204);
      PasskeyDeleted deleted =
          capture.await(PasskeyDeleted.class, e -> e.credentialId().equals(synced));
      assertThat(deleted.userId()).isEqualTo(alice);
      assertThat(deleted.source()).as("deleted on Passbridge's own page").isNull();
      assertThat(deleted.clientId()).isNull();
    }
    assertThat(http.get("/api/passkeys", session).body()).hasSize(1);
    assertThat(http.delete("/api/passkeys/" + synced, session).problemCode())
        .isEqualTo("passkey-not-found");
  }

  @Test
  void aNameWithInvisibleOrBrokenCharactersOrOfAnotherTypeIsRefused() {
    UUID alice = UUID.randomUUID();
    String passkey = enrol(alice, Flags.conditional());
    String session = TestSessions.token(alice, loginId());
    // raw JSON: the escapes reach the service as written (a lone surrogate included)
    List<String> bodies =
        List.of(
            "{\"name\":\"a\\u202eb\"}",
            "{\"name\":\"\\u200b\"}",
            "{\"name\":\"Work\\u200blaptop\"}",
            "{\"name\":\"\\ud800x\"}",
            "{\"name\":\"x\\udc00\"}",
            "{\"name\":\"a\\u0085b\"}",
            "{\"name\":\"a\\u0007b\"}",
            "{\"name\":\"a\\u2028b\"}",
            "{\"name\":\"a\\u2029b\"}",
            "{\"name\":\"a\\ue000b\"}",
            "{\"name\":\"a\\udb80\\udc00b\"}",
            "{\"name\":\"\"}",
            "{\"name\":null}",
            "{}",
            "{\"name\":5}",
            "{\"name\":true}",
            "{\"name\":[\"a\"]}",
            "{\"name\":{\"a\":\"b\"}}");
    for (String body : bodies) {
      Http.Response r = http.patch("/api/passkeys/" + passkey, session, body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.problemCode()).as(body).isEqualTo("validation-failed");
      assertThat(r.body().get("errors").has("name")).as(body).isTrue();
    }
    assertThat(http.get("/api/passkeys", session).body().get(0).get("name").asString())
        .isEqualTo("Apple Passwords");
    // what a person types is still fine: accents, CJK, an emoji (a surrogate pair)
    Http.Response ok =
        http.patch(
            "/api/passkeys/" + passkey,
            session,
            "{\"name\":\"Caf\\u00e9 \\u624b\\u673a \\ud83d\\udd11\"}");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().get("name").asString()).isEqualTo("Café 手机 \ud83d\udd11");
    // the zero-width joiner and non-joiner are text: an emoji family, a Persian word
    for (String name :
        List.of(
            "Family \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645")) {
      Http.Response joined =
          http.patch(
              "/api/passkeys/" + passkey,
              session,
              "{\"name\":\""
                  + name.replace("\u200d", "\\u200d").replace("\u200c", "\\u200c")
                  + "\"}");
      assertThat(joined.status()).as(name).isEqualTo(200);
      assertThat(joined.body().get("name").asString()).isEqualTo(name);
    }
    // 64 characters, counted as characters: 64 emoji (128 UTF-16 units) fit, 65 do not
    String key = "\ud83d\udd11";
    Http.Response emoji =
        http.patch("/api/passkeys/" + passkey, session, Map.of("name", key.repeat(64)));
    assertThat(emoji.status()).isEqualTo(200);
    assertThat(emoji.body().get("name").asString()).isEqualTo(key.repeat(64));
    Http.Response tooLong =
        http.patch("/api/passkeys/" + passkey, session, Map.of("name", key.repeat(65)));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body().get("errors").get("name").asString())
        .isEqualTo("must be at most 64 characters");
  }

  @Test
  void anotherUserSeesAndTouchesNothing() {
    UUID alice = UUID.randomUUID();
    String passkey = enrol(alice, Flags.conditional());
    String mallory = TestSessions.token(UUID.randomUUID(), loginId());
    assertThat(http.get("/api/passkeys", mallory).body()).isEmpty();
    Http.Response rename = http.patch("/api/passkeys/" + passkey, mallory, Map.of("name", "mine"));
    assertThat(rename.status()).isEqualTo(404);
    assertThat(rename.problemCode()).isEqualTo("passkey-not-found");
    assertThat(http.delete("/api/passkeys/" + passkey, mallory).status()).isEqualTo(404);
    assertThat(http.get("/api/passkeys", TestSessions.token(alice, loginId())).body()).hasSize(1);
    assertThat(http.get("/api/passkeys", null).status()).isEqualTo(401);
  }

  /**
   * An id no passkey can have (longer than 512 characters, or blank) is simply not found, on rename
   * and delete alike: it was a 500 on delete, where the PasskeyDeleted event refused it.
   */
  @Test
  void anIdNoPasskeyCanHaveIsNotFoundAndChangesNothing(CapturedOutput output) {
    UUID alice = UUID.randomUUID();
    String passkey = enrol(alice, Flags.conditional());
    String session = TestSessions.token(alice, loginId());
    for (String id : List.of("A".repeat(513), passkey + "A".repeat(600), "%20", "%09")) {
      Http.Response delete = http.delete("/api/passkeys/" + id, session);
      assertThat(delete.status()).as(id).isEqualTo(404);
      assertThat(delete.problemCode()).as(id).isEqualTo("passkey-not-found");
      Http.Response rename = http.patch("/api/passkeys/" + id, session, Map.of("name", "x"));
      assertThat(rename.status()).as(id).isEqualTo(404);
      assertThat(rename.problemCode()).as(id).isEqualTo("passkey-not-found");
    }
    // 512 characters is still an id that is looked up (and not found)
    assertThat(http.delete("/api/passkeys/" + "A".repeat(512), session).problemCode())
        .isEqualTo("passkey-not-found");
    JsonNode list = http.get("/api/passkeys", session).body();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("name").asString()).isEqualTo("Apple Passwords");
    assertThat(output.getAll())
        .doesNotContain("unexpected failure")
        .doesNotContain("IllegalArgumentException");
  }
}
