package dev.passbridge.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.topics.Topic;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
import dev.passbridge.reliability.support.KafkaClients;
import dev.passbridge.reliability.support.LogCheck;
import dev.passbridge.reliability.support.ReliabilityCluster;
import dev.passbridge.reliability.support.Report;
import dev.passbridge.reliability.support.Users;
import dev.passbridge.reliability.support.Users.Account;
import dev.passbridge.system.Browser;
import dev.passbridge.testsupport.EventCapture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Poison records (bytes that are not JSON, and JSON that is not a valid event) on every topic a
 * service consumes, keyed by a real user, so they sit in front of that user's next real events on
 * the same partition. Each lands in the topic's dead-letter topic once per consuming service, and
 * that user's whole journey still works afterwards (every consumer went on past the poison).
 */
@Order(30)
class PoisonRecordIT {
  /** Who consumes what (the topology of docs/architecture.md §3/§4). */
  static final Map<Topic<?>, List<String>> CONSUMERS = new LinkedHashMap<>();

  static {
    CONSUMERS.put(Topics.PASSWORD_AUTHENTICATED, List.of("otp-service", "intelligence-service"));
    CONSUMERS.put(Topics.OTP_VERIFIED, List.of("auth-service", "intelligence-service"));
    CONSUMERS.put(Topics.OTP_LOCKED, List.of("auth-service", "intelligence-service"));
    CONSUMERS.put(Topics.PASSKEY_ELIGIBLE, List.of("passkey-service"));
    CONSUMERS.put(Topics.PASSKEY_UPGRADE_SKIPPED, List.of("passkey-service"));
    CONSUMERS.put(Topics.PASSKEY_CREATED, List.of("auth-service", "intelligence-service"));
    CONSUMERS.put(Topics.PASSKEY_DELETED, List.of("auth-service", "intelligence-service"));
    CONSUMERS.put(Topics.PASSKEY_UPGRADE_FAILED, List.of("intelligence-service"));
    CONSUMERS.put(Topics.PASSKEY_AUTHENTICATED, List.of("auth-service", "intelligence-service"));
  }

  static final String FUNNEL = "intelligence-service-funnel";

  @AfterAll
  static void logs() throws Exception {
    LogCheck.assertClean(ReliabilityCluster.get());
  }

  @Test
  void poisonGoesToTheDeadLetterTopicAndEveryConsumerGoesOn() throws Exception {
    ReliabilityCluster cluster = ReliabilityCluster.get();
    Account account = Users.register(cluster);
    String nonce = UUID.randomUUID().toString();
    List<byte[]> poisons =
        List.of(
            ("\u0000\u00ffnot json " + nonce).getBytes(StandardCharsets.ISO_8859_1),
            ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"poison\":\"" + nonce + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    try (KafkaProducer<String, byte[]> producer = KafkaClients.raw(cluster.bootstrapServers())) {
      for (Topic<?> topic : CONSUMERS.keySet()) {
        for (byte[] poison : poisons) {
          producer.send(new ProducerRecord<>(topic.name(), account.userId(), poison)).get();
        }
      }
    }

    // intelligence-service's own compacted topics, read as global tables by every instance
    try (KafkaProducer<String, byte[]> producer = KafkaClients.raw(cluster.bootstrapServers())) {
      producer
          .send(
              new ProducerRecord<>(
                  "intelligence-service-rules", "poison-" + nonce, poisons.getFirst()))
          .get();
      producer
          .send(
              new ProducerRecord<>(
                  "intelligence-service-funnel",
                  "2026-01-01|Poison/Poison|password_login|" + nonce,
                  new byte[] {1, 2, 3}))
          .get();
    }

    // the same user's journey, through every consumer, behind the poison
    journey(cluster, account);

    Map<String, List<String>> deadLettered = deadLetters(cluster, nonce, Duration.ofSeconds(30));
    // the funnel topic is a global table: every intelligence-service instance reads it all
    assertThat(deadLettered.getOrDefault(FUNNEL, List.of()))
        .as("dead letters of the funnel topic")
        .containsExactly("intelligence-service", "intelligence-service");
    StringBuilder summary = new StringBuilder();
    for (var entry : CONSUMERS.entrySet()) {
      List<String> groups = deadLettered.getOrDefault(entry.getKey().name(), List.of());
      List<String> expected = new ArrayList<>();
      for (String consumer : entry.getValue()) {
        expected.add(consumer);
        expected.add(consumer);
      }
      assertThat(groups)
          .as("dead letters of %s by consumer", entry.getKey().name())
          .containsExactlyInAnyOrderElementsOf(expected);
      summary
          .append(entry.getKey().name().replace("passbridge.", ""))
          .append(" ")
          .append(groups.size())
          .append("; ");
    }
    Report.fault(
        new Report.Fault(
            "poison records on every consumed topic",
            "2 unreadable records (not JSON; JSON that is no event) × 9 event topics, in front of"
                + " a user's real events; 1 each on intelligence-service's rules and funnel topics",
            CONSUMERS.size() * poisons.size() + 2,
            1,
            1,
            0,
            0,
            "each in `<topic>.dlt` once per consuming service, the funnel one once per"
                + " intelligence instance (global table), the rules one ignored ("
                + deadLettered.values().stream().mapToInt(List::size).sum()
                + " dead letters), the user's journey behind them completed"));
  }

  /** Password + code, silent create, passkey login, skip, delete, cooldown, lockout. */
  static void journey(ReliabilityCluster cluster, Account account) throws Exception {
    Browser browser = account.browser();
    var device =
        new SoftwarePasskeyAuthenticator(
            cluster.url(), SoftwarePasskeyAuthenticator.APPLE_PASSWORDS);
    // PasswordAuthenticated (otp, intelligence), OtpVerified (auth, intelligence), PasskeyEligible
    Users.signIn(cluster, account, Users.CONDITIONAL);
    JsonNode upgrade = Users.upgrade(browser, "CONDITIONAL_CREATE");
    JsonNode credential =
        device.register(upgrade.path("publicKey"), Kind.NONE, Flags.conditional());
    String id = credential.path("id").asString();
    assertThat(
            browser
                .post(
                    "/api/passkeys/registrations",
                    Map.of(
                        "ceremonyId",
                        upgrade.path("ceremonyId").asString(),
                        "credential",
                        credential))
                .status())
        .isEqualTo(201);
    // PasskeyCreated (auth's projection)
    await(() -> browser.get("/api/me").body().path("hasPasskey").asBoolean(), "hasPasskey");
    // PasskeyAuthenticated (auth)
    JsonNode options = browser.post("/api/passkeys/login/options", Map.of()).body();
    Browser.Response passkeyLogin =
        browser.post(
            "/api/passkeys/login",
            Map.of(
                "ceremonyId", options.path("ceremonyId").asString(),
                "credential", device.authenticate(options.path("publicKey"), id)));
    assertThat(passkeyLogin.status()).isEqualTo(200);
    assertThat(
            browser
                .post("/api/auth/session", Map.of("loginId", passkeyLogin.text("loginId")))
                .status())
        .isEqualTo(200);
    // PasskeyCreated (intelligence) → PasskeyUpgradeSkipped HAS_PASSKEY (passkey-service)
    Users.signIn(cluster, account, Users.CONDITIONAL);
    JsonNode skipped = Users.upgrade(browser, "NONE");
    assertThat(skipped.path("reason").asString()).isEqualTo("HAS_PASSKEY");
    // PasskeyDeleted (auth, intelligence)
    assertThat(browser.delete("/api/passkeys/" + id).status()).isEqualTo(204);
    await(() -> !browser.get("/api/me").body().path("hasPasskey").asBoolean(true), "no passkey");
    Users.signIn(cluster, account, Users.CONDITIONAL);
    JsonNode again = Users.upgrade(browser, "CONDITIONAL_CREATE");
    // PasskeyUpgradeFailed (intelligence) → COOLDOWN
    assertThat(
            browser
                .post(
                    "/api/passkeys/upgrade/outcome",
                    Map.of(
                        "ceremonyId",
                        again.path("ceremonyId").asString(),
                        "errorName",
                        "NotAllowedError"))
                .status())
        .isEqualTo(204);
    Thread.sleep(500);
    Users.signIn(cluster, account, Users.CONDITIONAL);
    assertThat(Users.upgrade(browser, "NONE").path("reason").asString()).isEqualTo("COOLDOWN");
    // OtpLocked (intelligence) → SECOND_FACTOR_LOCKED
    try (EventCapture skips =
        EventCapture.of(cluster.bootstrapServers(), Topics.PASSKEY_UPGRADE_SKIPPED)) {
      String loginId =
          browser
              .post(
                  "/api/auth/login",
                  Map.of("username", account.username(), "password", account.password()))
              .text("loginId");
      String code = Users.code(cluster, browser, loginId);
      String wrong = code.equals("000000") ? "111111" : "000000";
      for (int i = 0; i < 5; i++) {
        browser.post("/api/otp/verify", Map.of("loginId", loginId, "code", wrong));
      }
      PasskeyUpgradeSkipped locked =
          skips.await(
              PasskeyUpgradeSkipped.class,
              e -> e.loginId().equals(loginId),
              Duration.ofSeconds(20));
      assertThat(locked.reason()).isEqualTo("SECOND_FACTOR_LOCKED");
    }
  }

  static void await(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s: " + what);
      }
      Thread.sleep(100);
    }
  }

  /** topic → the consumer (group) of each dead letter carrying {@code nonce}. */
  static Map<String, List<String>> deadLetters(
      ReliabilityCluster cluster, String nonce, Duration settle) throws InterruptedException {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, List<String>> found = new LinkedHashMap<>();
    int expected = CONSUMERS.values().stream().mapToInt(List::size).sum() * 2 + 2;
    byte[] marker = nonce.getBytes(StandardCharsets.UTF_8);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<String> topics =
          new ArrayList<>(CONSUMERS.keySet().stream().map(Topic::deadLetterName).toList());
      topics.add(FUNNEL + ".dlt");
      consumer.subscribe(topics);
      long deadline = System.nanoTime() + settle.toNanos();
      int seen = 0;
      while (System.nanoTime() < deadline && seen < expected) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (carries(r, marker)) {
            String topic = r.topic().substring(0, r.topic().length() - ".dlt".length());
            Header group = r.headers().lastHeader("kafka_dlt-original-consumer-group");
            String consumerName =
                group != null
                    ? new String(group.value(), StandardCharsets.UTF_8)
                    // Kafka Streams' recoverer runs outside a listener container: no group header
                    : "intelligence-service";
            found.computeIfAbsent(topic, k -> new ArrayList<>()).add(consumerName);
            seen++;
          }
        }
      }
      // a moment more: a consumer that dead-letters twice would show up now
      long extra = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < extra) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (carries(r, marker)) {
            String topic = r.topic().substring(0, r.topic().length() - ".dlt".length());
            found.computeIfAbsent(topic, k -> new ArrayList<>()).add("extra");
          }
        }
      }
    }
    return found;
  }

  static boolean carries(ConsumerRecord<String, byte[]> r, byte[] marker) {
    return (r.value() != null && contains(r.value(), marker))
        || (r.key() != null && contains(r.key().getBytes(StandardCharsets.UTF_8), marker));
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
