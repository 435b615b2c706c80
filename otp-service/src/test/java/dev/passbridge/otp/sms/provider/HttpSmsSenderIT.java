package dev.passbridge.otp.sms.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.passbridge.otp.sms.SmsDeliveryException;
import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.SmsProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP SMS adapter against a fake provider (WireMock on a local port). */
class HttpSmsSenderIT {
  static WireMockServer provider;
  final JsonMapper json = JsonMapper.builder().build();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    provider = new WireMockServer(options().dynamicPort().containerThreads(20));
    provider.start();
  }

  @AfterAll
  static void stop() {
    provider.stop();
  }

  @BeforeEach
  void reset() {
    provider.resetAll();
    sleeps.clear();
  }

  SmsProperties.ProviderProperties settings(int maxAttempts, int window, Duration openFor) {
    return new SmsProperties.ProviderProperties(
        URI.create(provider.baseUrl() + "/v1/sms"),
        "acct-1",
        "token-1",
        "Passbridge",
        Duration.ofSeconds(1),
        Duration.ofMillis(400),
        maxAttempts,
        Duration.ofMillis(200),
        Duration.ofMillis(300),
        50,
        window,
        window,
        openFor,
        1);
  }

  HttpSmsSender sender(SmsProperties.ProviderProperties settings) {
    return new HttpSmsSender(
        settings,
        json,
        d -> {
          sleeps.add(d);
          Thread.sleep(Math.min(d.toMillis(), 20));
        });
  }

  static SmsMessage message() {
    return new SmsMessage(
        UUID.randomUUID(),
        "AAAAAAAAAAAAAAAAAAAAAA",
        "+4915110000001",
        "Your Passbridge code is 123456.",
        "123456",
        Instant.now());
  }

  List<LoggedRequest> requests() {
    return provider.findAll(postRequestedFor(urlEqualTo("/v1/sms")));
  }

  @Test
  void retriesA500AndATimeoutThenOneMessageIsAcceptedUnderOneIdempotencyKey() {
    provider.stubFor(
        post("/v1/sms")
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("slow"));
    provider.stubFor(
        post("/v1/sms")
            .inScenario("flaky")
            .whenScenarioStateIs("slow")
            .willReturn(aResponse().withStatus(202).withFixedDelay(1_500))
            .willSetStateTo("healthy"));
    provider.stubFor(
        post("/v1/sms")
            .inScenario("flaky")
            .whenScenarioStateIs("healthy")
            .willReturn(aResponse().withStatus(202).withBody("{\"id\":\"m-1\"}")));
    SmsMessage message = message();

    sender(settings(3, 20, Duration.ofSeconds(30))).send(message);

    List<LoggedRequest> requests = requests();
    assertThat(requests).hasSize(3);
    assertThat(requests)
        .extracting(r -> r.getHeader(HttpSmsSender.IDEMPOTENCY_KEY))
        .containsOnly(message.messageId().toString());
    // the provider answered 2xx twice (the slow answer arrived after we gave up), both under the
    // same key: a provider that honours Idempotency-Key delivers exactly one SMS
    Set<String> acceptedKeys =
        provider.getAllServeEvents().stream()
            .filter(e -> e.getResponse().getStatus() / 100 == 2)
            .map(ServeEvent::getRequest)
            .map(r -> r.getHeader(HttpSmsSender.IDEMPOTENCY_KEY))
            .collect(Collectors.toSet());
    assertThat(acceptedKeys).containsExactly(message.messageId().toString());
    assertThat(sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(300));
  }

  @Test
  void sendsJsonWithCredentialsAndTheIdempotencyKey() {
    provider.stubFor(post("/v1/sms").willReturn(aResponse().withStatus(200)));
    SmsMessage message = message();

    sender(settings(3, 20, Duration.ofSeconds(30))).send(message);

    provider.verify(
        1,
        postRequestedFor(urlEqualTo("/v1/sms"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader(HttpSmsSender.IDEMPOTENCY_KEY, equalTo(message.messageId().toString()))
            .withBasicAuth(
                new com.github.tomakehurst.wiremock.client.BasicCredentials("acct-1", "token-1"))
            .withRequestBody(
                equalToJson(
                    "{\"to\":\"+4915110000001\",\"from\":\"Passbridge\","
                        + "\"text\":\"Your Passbridge code is 123456.\",\"reference\":\""
                        + message.messageId()
                        + "\"}")));
  }

  @Test
  void givesUpAfterTheLastAttemptWithATransientFailure() {
    provider.stubFor(post("/v1/sms").willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> sender(settings(3, 20, Duration.ofSeconds(30))).send(message()))
        .isInstanceOfSatisfying(
            SmsDeliveryException.class, e -> assertThat(e.isTransient()).isTrue())
        .hasMessageContaining("3 attempt(s)")
        .hasMessageContaining("HTTP 503");
    assertThat(requests()).hasSize(3);
  }

  @Test
  void retriesTooManyRequests() {
    provider.stubFor(
        post("/v1/sms")
            .inScenario("throttled")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429))
            .willSetStateTo("ok"));
    provider.stubFor(
        post("/v1/sms")
            .inScenario("throttled")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200)));

    sender(settings(3, 20, Duration.ofSeconds(30))).send(message());

    assertThat(requests()).hasSize(2);
  }

  @Test
  void aRejectedMessageIsNotRetried() {
    provider.stubFor(post("/v1/sms").willReturn(aResponse().withStatus(400)));

    assertThatThrownBy(() -> sender(settings(3, 20, Duration.ofSeconds(30))).send(message()))
        .isInstanceOfSatisfying(
            SmsDeliveryException.class, e -> assertThat(e.isTransient()).isFalse());
    assertThat(requests()).hasSize(1);
  }

  @Test
  void theCircuitOpensFailsFastAndClosesAfterASuccessfulProbe() throws Exception {
    provider.stubFor(post("/v1/sms").willReturn(aResponse().withStatus(500)));
    HttpSmsSender sender = sender(settings(2, 4, Duration.ofMillis(500)));

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> sender.send(message())).isInstanceOf(SmsDeliveryException.class);
    }
    assertThat(sender.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(requests()).hasSize(4);

    long start = System.nanoTime();
    assertThatThrownBy(() -> sender.send(message()))
        .isInstanceOfSatisfying(
            SmsDeliveryException.class, e -> assertThat(e.isTransient()).isTrue())
        .hasMessageContaining("circuit is open");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
    assertThat(requests()).as("an open circuit does not call the provider").hasSize(4);

    provider.resetAll();
    provider.stubFor(post("/v1/sms").willReturn(aResponse().withStatus(200)));
    Thread.sleep(600);
    sender.send(message());
    assertThat(sender.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(requests()).hasSize(1);
  }

  @Test
  void anUnreachableProviderIsATransientFailure() {
    var settings =
        new SmsProperties.ProviderProperties(
            URI.create(
                "http://127.0.0.1:"
                    + dev.passbridge.testsupport.TestInfrastructure.freePort()
                    + "/v1/sms"),
            null,
            null,
            "Passbridge",
            Duration.ofMillis(300),
            Duration.ofMillis(300),
            2,
            Duration.ofMillis(10),
            Duration.ofMillis(10),
            50,
            20,
            20,
            Duration.ofSeconds(30),
            1);

    assertThatThrownBy(() -> sender(settings).send(message()))
        .isInstanceOfSatisfying(
            SmsDeliveryException.class, e -> assertThat(e.isTransient()).isTrue())
        .hasMessageContaining("ConnectException");
  }
}
