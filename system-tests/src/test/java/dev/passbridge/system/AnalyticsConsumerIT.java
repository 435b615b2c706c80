package dev.passbridge.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.passbridge.examples.analytics.AnalyticsConsumer;
import dev.passbridge.system.Journeys.User;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analytics example (examples/analytics-consumer: a plain Kafka consumer with no Passbridge
 * code) counts exactly what intelligence-service's {@code GET /api/insights/funnel} counts, for
 * every day, platform and step. Both are measured at the same two moments, before and after a set
 * of varied flows (the system is shared with the other system tests, so their flows are on the
 * topics too): the changes must be equal and hold the flows driven here, and at the second moment
 * the whole funnels must be equal.
 */
class AnalyticsConsumerIT {
  static final JsonMapper JSON = JsonMapper.builder().build();

  static String url;
  static Browser admin;
  static LocalDate from;
  static LocalDate to;

  @BeforeAll
  static void adminSession() {
    url = PassbridgeSystem.url();
    admin = new Browser(url, Browser.FIREFOX_WINDOWS);
    Journeys.passwordLogin(admin, new User(null, "admin", "passbridge-admin-1"), false, Map.of());
    assertThat(admin.get("/api/me").body().path("roles").toString()).contains("admin");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    from = today.minusDays(30);
    to = today.plusDays(1);
  }

  @Test
  void theExampleCountsWhatTheInsightsEndpointCounts() {
    Map<String, Long> endpointBefore = stableEndpoint();
    Map<String, Long> exampleBefore = example();

    driveFlows();

    Map<String, Long>[] last = new Map[2];
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              Map<String, Long> endpoint = endpoint();
              Map<String, Long> example = example();
              last[0] = endpoint;
              last[1] = example;
              Map<String, Long> exampleDelta = delta(exampleBefore, example);
              assertThat(totals(exampleDelta))
                  .as("the flows driven here, as the example counts them")
                  .containsAllEntriesOf(EXPECTED);
              assertThat(exampleDelta)
                  .as("the Connect login, under its source")
                  .containsEntry("source:CONNECT|passwordLogins", 1L)
                  .containsEntry("source:CONNECT|skipped.SECOND_FACTOR_MISSING", 1L);
              assertThat(delta(endpointBefore, endpoint))
                  .as("the endpoint's change equals the example's, per day, platform and step")
                  .isEqualTo(exampleDelta);
            });
    assertThat(last[1]).as("the whole funnel, read by both at the same moment").isEqualTo(last[0]);
  }

  /** The flows below, as totals of the funnel's change (no other test runs meanwhile). */
  static final Map<String, Long> EXPECTED =
      Map.ofEntries(
          Map.entry("passwordLogins", 8L),
          Map.entry("secondFactorPassed", 6L),
          Map.entry("eligible.CONDITIONAL", 2L),
          Map.entry("eligible.PROMPT", 2L),
          Map.entry("skipped.NOT_AUTOFILLED", 2L),
          Map.entry("skipped.SECOND_FACTOR_LOCKED", 1L),
          Map.entry("skipped.SECOND_FACTOR_MISSING", 1L),
          Map.entry("upgradeFailed.Dismissed", 1L),
          Map.entry("upgradeFailed.NotAllowedError", 1L),
          Map.entry("passkeysCreated.CONDITIONAL", 1L),
          Map.entry("passkeysCreated.PROMPT", 1L),
          Map.entry("passkeyLogins", 3L),
          Map.entry("firstPasskeyLogins", 2L));

  private static void driveFlows() {
    // a silent create on Chrome/macOS, then two passkey logins (one first)
    Browser alice = new Browser(url, Browser.CHROME_MAC);
    SoftwareAuthenticator aliceDevice = new SoftwareAuthenticator(url);
    User a = Journeys.register(alice);
    Journeys.passwordLogin(alice, a, true, Journeys.CONDITIONAL_CAPABLE);
    Journeys.register(alice, aliceDevice, upgrade(alice), true);
    assertThat(Journeys.passkeyLogin(alice, aliceDevice).status()).isEqualTo(200);
    assertThat(Journeys.passkeyLogin(alice, aliceDevice).status()).isEqualTo(200);

    // a typed password: skipped
    Browser bob = new Browser(url, Browser.CHROME_MAC);
    User b = Journeys.register(bob);
    Journeys.passwordLogin(bob, b, false, Map.of("conditionalCreate", true));
    assertThat(upgrade(bob).path("reason").asString()).isEqualTo("NOT_AUTOFILLED");

    // a prompt declined ("Not now")
    Browser carol = new Browser(url, Browser.CHROME_MAC);
    User c = Journeys.register(carol);
    Journeys.passwordLogin(carol, c, true, Journeys.PLATFORM_AUTHENTICATOR_ONLY);
    outcome(carol, upgrade(carol), "PROMPT", "Dismissed");

    // Firefox on Windows (outside the conditional-create table): a prompt accepted, then a
    // passkey login, counted on the platform where the passkey was created
    Browser dave = new Browser(url, Browser.FIREFOX_WINDOWS);
    SoftwareAuthenticator daveDevice = new SoftwareAuthenticator(url);
    User d = Journeys.register(dave);
    Journeys.passwordLogin(dave, d, true, Journeys.PLATFORM_AUTHENTICATOR_ONLY);
    JsonNode prompt = upgrade(dave);
    assertThat(prompt.path("action").asString()).isEqualTo("PROMPT");
    Journeys.register(dave, daveDevice, prompt, false);
    assertThat(Journeys.passkeyLogin(dave, daveDevice).status()).isEqualTo(200);

    // a silent create the browser refuses (NotAllowedError)
    Browser erin = new Browser(url, Browser.CHROME_MAC);
    User e = Journeys.register(erin);
    Journeys.passwordLogin(erin, e, true, Journeys.CONDITIONAL_CAPABLE);
    outcome(erin, upgrade(erin), "CONDITIONAL_CREATE", "NotAllowedError");

    // a second factor locked after five wrong codes
    Browser frank = new Browser(url, Browser.FIREFOX_WINDOWS);
    User f = Journeys.register(frank);
    var login =
        frank.post(
            "/api/auth/login",
            Map.of(
                "username", f.username(),
                "password", f.password(),
                "client", Browser.client(true, Journeys.PLATFORM_AUTHENTICATOR_ONLY)));
    assertThat(login.status()).as("login %s", login).isEqualTo(200);
    String loginId = login.text("loginId");
    String code = Journeys.smsCode(frank, loginId);
    String wrong = code.substring(0, code.length() - 1) + (code.endsWith("0") ? "1" : "0");
    int last = 0;
    for (int attempt = 0; attempt < 5; attempt++) {
      last = frank.post("/api/otp/verify", Map.of("loginId", loginId, "code", wrong)).status();
    }
    assertThat(last).as("the fifth wrong code locks the login").isEqualTo(429);

    // a typed password on Firefox without capabilities: passes the second factor, skipped
    Browser grace = new Browser(url, Browser.FIREFOX_WINDOWS);
    User g = Journeys.register(grace);
    Journeys.passwordLogin(grace, g, false, Map.of());

    // a login the example shop's backend reports without a second factor (Connect): skipped at
    // once with SECOND_FACTOR_MISSING, counted under the CONNECT source
    connectLoginWithoutSecondFactor("analytics-" + System.nanoTime());
  }

  /** {@code POST /connect/v1/logins} as the launcher's example shop client, no second factor. */
  private static void connectLoginWithoutSecondFactor(String externalUserId) {
    String credentials =
        Base64.getEncoder()
            .encodeToString("shop:shop-local-secret".getBytes(StandardCharsets.UTF_8));
    String body =
        "{\"externalUserId\":\""
            + externalUserId
            + "\",\"username\":\""
            + externalUserId
            + "@shop.example\",\"secondFactor\":null}";
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/connect/v1/logins"))
                      .header("Authorization", "Basic " + credentials)
                      .header("Content-Type", "application/json")
                      .timeout(Duration.ofSeconds(20))
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("connect login %s", response.body()).isEqualTo(201);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@link Journeys#upgrade}, again after a 503 with Retry-After (the gateway answers so when a
   * session check times out, seen once on a machine at load average 27).
   */
  private static JsonNode upgrade(Browser browser) {
    for (int attempt = 1; ; attempt++) {
      var upgrade = browser.get("/api/passkeys/upgrade");
      if (upgrade.status() != 503 || attempt == 5) {
        assertThat(upgrade.status()).as("upgrade %s", upgrade).isEqualTo(200);
        return upgrade.body();
      }
      Journeys.sleep(1000L * Math.max(1, upgrade.body().path("retryAfterSeconds").asInt(1)));
    }
  }

  private static void outcome(Browser browser, JsonNode upgrade, String action, String errorName) {
    assertThat(upgrade.path("action").asString()).isEqualTo(action);
    var answer =
        browser.post(
            "/api/passkeys/upgrade/outcome",
            Map.of("ceremonyId", upgrade.path("ceremonyId").asString(), "errorName", errorName));
    assertThat(answer.status()).as("outcome %s", answer).isBetween(200, 204);
  }

  /**
   * The example's funnel: its command line run in-process (read every topic to the end offsets,
   * count, print JSON), its output parsed.
   */
  private static Map<String, Long> example() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        AnalyticsConsumer.run(
            new String[] {
              "--bootstrap-servers=" + PassbridgeSystem.get().bootstrapServers(),
              "--from=" + from,
              "--to=" + to,
              "--format=json"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String progress = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).as("exit code; stderr: %s", progress).isZero();
    assertThat(progress).contains("100.0%").doesNotContain("unreadable");
    JsonNode report = JSON.readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(report.path("from").asString()).isEqualTo(from.toString());
    return flatten(report);
  }

  private static Map<String, Long> endpoint() {
    var response = admin.get("/api/insights/funnel?from=" + from + "&to=" + to);
    assertThat(response.status()).as("funnel %s", response).isEqualTo(200);
    return flatten(response.body());
  }

  /** The endpoint's funnel once it stops moving (the previous test's flows may still count). */
  private static Map<String, Long> stableEndpoint() {
    Map<String, Long>[] last = new Map[] {endpoint()};
    await()
        .atMost(Duration.ofSeconds(40))
        // longer than intelligence-service's commit interval (1 s), which flushes the counts
        .pollDelay(Duration.ofMillis(1500))
        .pollInterval(Duration.ofMillis(1500))
        .until(
            () -> {
              Map<String, Long> now = endpoint();
              boolean stable = now.equals(last[0]);
              last[0] = now;
              return stable;
            });
    return last[0];
  }

  /**
   * Every count of a funnel report per source ({@code source:CONNECT|passwordLogins}), per day and
   * platform ({@code 2026-12-03|Mac OS/Chrome| eligible.CONDITIONAL} → 1), per platform ({@code
   * *|Mac OS/Chrome|…}) and in total ({@code *|*|…}); zeros left out.
   */
  static Map<String, Long> flatten(JsonNode report) {
    Map<String, Long> flat = new TreeMap<>();
    flattenCounts("*|*|", report.path("total"), flat);
    for (JsonNode s : report.path("sources")) {
      flattenCounts("source:" + s.path("source").asString() + "|", s.path("counts"), flat);
    }
    for (JsonNode p : report.path("platforms")) {
      flattenCounts("*|" + p.path("platform").asString() + "|", p.path("counts"), flat);
    }
    for (JsonNode day : report.path("days")) {
      String date = day.path("date").asString();
      flattenCounts(date + "|*|", day.path("total"), flat);
      for (JsonNode p : day.path("platforms")) {
        flattenCounts(date + "|" + p.path("platform").asString() + "|", p.path("counts"), flat);
      }
    }
    return flat;
  }

  private static void flattenCounts(String prefix, JsonNode counts, Map<String, Long> into) {
    for (var e : counts.properties()) {
      if (e.getValue().isObject()) {
        for (var detail : e.getValue().properties()) {
          put(into, prefix + e.getKey() + "." + detail.getKey(), detail.getValue().asLong());
        }
      } else {
        put(into, prefix + e.getKey(), e.getValue().asLong());
      }
    }
  }

  private static void put(Map<String, Long> into, String key, long value) {
    if (value != 0) {
      into.put(key, value);
    }
  }

  private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new TreeMap<>();
    after.forEach((k, v) -> put(delta, k, v - before.getOrDefault(k, 0L)));
    before.forEach((k, v) -> delta.putIfAbsent(k, after.containsKey(k) ? 0L : -v));
    delta.values().removeIf(v -> v == 0);
    return delta;
  }

  /** The range totals of a flattened funnel ({@code *|*|x} → {@code x}). */
  private static Map<String, Long> totals(Map<String, Long> flat) {
    Map<String, Long> totals = new TreeMap<>();
    flat.forEach(
        (k, v) -> {
          if (k.startsWith("*|*|")) {
            totals.put(k.substring(4), v);
          }
        });
    return totals;
  }
}
