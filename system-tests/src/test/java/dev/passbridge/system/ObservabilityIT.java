package dev.passbridge.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.passbridge.launcher.Launcher;
import dev.passbridge.system.Journeys.User;
import dev.passbridge.system.observability.ExportedMetrics;
import dev.passbridge.system.observability.ObservabilityFiles;
import dev.passbridge.system.observability.ObservabilityFiles.Expression;
import dev.passbridge.system.observability.PromQl.Reference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code deploy/observability} in step with the code: after a few flows through the running
 * system, every metric the Grafana dashboard and the Prometheus alert rules read is exported by at
 * least one service's {@code /actuator/prometheus}, with the labels their selectors filter on.
 */
class ObservabilityIT {
  static final Path DIR = ComposeFileTest.ROOT.resolve("deploy/observability");
  static final List<String> SERVICES =
      List.of("auth-service", "otp-service", "intelligence-service", "passkey-service", "gateway");
  static final Path SCRAPES = Path.of("target", "observability-scrapes");
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * Metrics a service registers with their first occurrence (a label value is known only then), so
   * the quiet system of this test cannot export them: until it does, an expression may filter only
   * on the labels listed here, which the service's own test asserts on its first occurrence
   * (intelligence-service's {@code RulesPageBrowserIT}: a real brake and {@code
   * passbridge.intelligence.rollout.brakes{platform}}).
   */
  static final Map<String, Set<String>> BORN_WITH_THEIR_FIRST_EVENT =
      Map.of("passbridge_intelligence_rollout_brakes_total", Set.of("platform"));

  static String url;

  @BeforeAll
  static void driveFlows() {
    url = PassbridgeSystem.url();
    // a password login upgraded to a passkey, then a passkey login
    Browser alice = new Browser(url, Browser.CHROME_MAC);
    SoftwareAuthenticator device = new SoftwareAuthenticator(url);
    User a = Journeys.register(alice);
    Journeys.passwordLogin(alice, a, true, Journeys.CONDITIONAL_CAPABLE);
    Journeys.register(alice, device, Journeys.upgrade(alice), true);
    assertThat(Journeys.passkeyLogin(alice, device).status()).isEqualTo(200);
    // a typed password without a platform authenticator: skipped
    Browser bob = new Browser(url, Browser.CHROME_MAC);
    User b = Journeys.register(bob);
    Journeys.passwordLogin(bob, b, false, Map.of("conditionalCreate", true));
    assertThat(Journeys.upgrade(bob).path("reason").asString()).isEqualTo("NOT_AUTOFILLED");
    // a prompt the user declines: an upgrade failure
    Browser carol = new Browser(url, Browser.CHROME_MAC);
    User c = Journeys.register(carol);
    Journeys.passwordLogin(carol, c, true, Journeys.PLATFORM_AUTHENTICATOR_ONLY);
    var prompt = Journeys.upgrade(carol);
    assertThat(prompt.path("action").asString()).isEqualTo("PROMPT");
    var declined =
        carol.post(
            "/api/passkeys/upgrade/outcome",
            Map.of("ceremonyId", prompt.path("ceremonyId").asString(), "errorName", "Dismissed"));
    assertThat(declined.status()).isBetween(200, 204);
    // a wrong password: a 4xx problem
    Browser mallory = new Browser(url, Browser.FIREFOX_WINDOWS);
    var wrong =
        mallory.post(
            "/api/auth/login",
            Map.of(
                "username",
                a.username(),
                "password",
                "not-the-password",
                "client",
                Browser.client(false, Map.of())));
    assertThat(wrong.status()).isEqualTo(401);
  }

  @Test
  void everyMetricOfTheDashboardsAndAlertsIsExported() throws Exception {
    List<Expression> expressions = ObservabilityFiles.all(DIR);
    assertThat(expressions).as("expressions in %s", DIR).hasSizeGreaterThan(10);
    Map<Reference, String> references = new LinkedHashMap<>();
    for (Expression e : expressions) {
      List<Reference> found = e.references();
      assertThat(found).as("metrics read by %s: %s", e.where(), e.expr()).isNotEmpty();
      found.forEach(r -> references.putIfAbsent(r, e.where()));
    }
    // the decision and the funnel counts arrive asynchronously (Kafka): wait for them
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              ExportedMetrics exported = scrapeAll();
              List<String> problems = new ArrayList<>();
              references.forEach(
                  (r, where) -> {
                    String problem = exported.problem(r, BORN_WITH_THEIR_FIRST_EVENT);
                    if (problem != null) {
                      problems.add(where + ": " + problem);
                    }
                  });
              assertThat(problems).as("metrics read but not exported").isEmpty();
            });
  }

  @Test
  void theOutboxGaugeReadsTheRegistryAndDrainsToZero() {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              scrapeAll();
              assertThat(java.nio.file.Files.readAllLines(SCRAPES.resolve("passkey-service.prom")))
                  .contains(
                      "passbridge_passkey_outbox_incomplete_publications 0.0",
                      "passbridge_passkey_outbox_oldest_incomplete_age_seconds 0.0");
            });
  }

  /**
   * The dashboards group HTTP answers by {@code application} and {@code uri}: every service's
   * answers carry its own name, and the gateway's routed answers (its own refusals included) their
   * route's pattern, never {@code UNKNOWN}.
   */
  @Test
  void everyHttpAnswerIsCountedUnderItsServiceAndARoute() throws Exception {
    scrapeAll();
    for (String service : SERVICES) {
      List<String> series =
          java.nio.file.Files.readAllLines(SCRAPES.resolve(service + ".prom")).stream()
              .filter(line -> line.startsWith("http_server_requests_seconds_count{"))
              .toList();
      if (!service.equals("intelligence-service")) { // the flows above send it no request
        assertThat(series).as("%s counts its HTTP answers", service).isNotEmpty();
      }
      assertThat(series)
          .as("%s: every series names the service", service)
          .allMatch(line -> line.contains("application=\"" + service + "\""));
    }
    List<String> gateway =
        java.nio.file.Files.readAllLines(SCRAPES.resolve("gateway.prom")).stream()
            .filter(line -> line.startsWith("http_server_requests_seconds_count{"))
            .toList();
    assertThat(gateway).noneMatch(line -> line.contains("uri=\"UNKNOWN\""));
    assertThat(gateway)
        .anyMatch(
            line ->
                line.contains("uri=\"/api/auth/**\"")
                    && line.contains("method=\"POST\"")
                    && line.contains("status=\"401\""))
        .anyMatch(line -> line.contains("uri=\"/api/passkeys/**\""))
        .anyMatch(line -> line.contains("uri=\"/api/otp/**\""));
  }

  /** Every service's Prometheus scrape (the gateway's on its management port). */
  static ExportedMetrics scrapeAll() throws Exception {
    Launcher launcher = PassbridgeSystem.get();
    ExportedMetrics exported = new ExportedMetrics();
    for (String service : SERVICES) {
      var env = launcher.context(service).getEnvironment();
      String port =
          service.equals("gateway")
              ? String.valueOf(launcher.gatewayManagementPort())
              : env.getRequiredProperty("local.server.port");
      var response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("%s /actuator/prometheus", service).isEqualTo(200);
      exported.add(response.body());
      // kept for whoever edits the dashboard: what each service exports
      java.nio.file.Files.createDirectories(SCRAPES);
      java.nio.file.Files.writeString(SCRAPES.resolve(service + ".prom"), response.body());
    }
    return exported;
  }
}
