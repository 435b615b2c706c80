package dev.passbridge.otp.sms.provider.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.passbridge.otp.sms.SmsDeliveryException;
import dev.passbridge.otp.sms.SmsDeliveryException.Reason;
import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.VonageProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;

/** The Vonage adapter against a stub of the documented SMS API exchange (WireMock). */
@ExtendWith(OutputCaptureExtension.class)
class VonageSmsSenderIT {
  static final String KEY = "abcd1234";
  static final String SECRET = "vonage-api-secret-s3cr3t";
  static final String PATH = "/sms/json";
  static WireMockServer vonage;
  final JsonMapper json = JsonMapper.builder().build();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    vonage = new WireMockServer(options().dynamicPort().containerThreads(20));
    vonage.start();
  }

  @AfterAll
  static void stop() {
    vonage.stop();
  }

  @BeforeEach
  void reset() {
    vonage.resetAll();
    sleeps.clear();
  }

  VonageProperties account() {
    return new VonageProperties(URI.create(vonage.baseUrl()), KEY, SECRET, "Passbridge");
  }

  VonageSmsSender sender(int maxAttempts, int window) {
    return new VonageSmsSender(
        account(),
        TwilioSmsSenderIT.resilience(maxAttempts, window, Duration.ofSeconds(30)),
        json,
        d -> {
          sleeps.add(d);
          Thread.sleep(Math.min(d.toMillis(), 20));
        });
  }

  static String answer(String status, String errorText) {
    return status.equals("0")
        ? """
          {"message-count": "1", "messages": [{"to": "4915110000001",
           "message-id": "0A0000000123ABCD1", "status": "0", "remaining-balance": "3.14159265",
           "message-price": "0.03330000", "network": "26201"}]}"""
        : """
          {"message-count": "1", "messages": [{"status": "%s", "error-text": "%s"}]}"""
            .formatted(status, errorText);
  }

  List<LoggedRequest> requests() {
    return vonage.findAll(postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void postsTheDocumentedFormAndReadsStatusZero() {
    vonage.stubFor(
        post(PATH)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(answer("0", null))));
    SmsMessage message = TwilioSmsSenderIT.message();

    sender(3, 20).send(message);

    vonage.verify(
        1,
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
            .withFormParam("api_key", equalTo(KEY))
            .withFormParam("api_secret", equalTo(SECRET))
            .withFormParam("from", equalTo("Passbridge"))
            .withFormParam("to", equalTo("4915110000001"))
            .withFormParam("text", equalTo("Your Passbridge code is 123456."))
            .withFormParam("client-ref", equalTo(message.messageId().toString())));
  }

  @ParameterizedTest(name = "Vonage status {0} is the recipient's problem: not retried")
  @CsvSource({"6, Invalid Message", "7, Number Barred", "34, Invalid or missing msisdn Param"})
  void recipientStatusesTellTheUser(String status, String text, CapturedOutput output) {
    vonage.stubFor(
        post(PATH).willReturn(aResponse().withStatus(200).withBody(answer(status, text))));

    assertThatThrownBy(() -> sender(3, 20).send(TwilioSmsSenderIT.message()))
        .isInstanceOfSatisfying(
            SmsDeliveryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.RECIPIENT))
        .hasMessageContaining("Vonage status " + status);
    assertThat(requests()).hasSize(1);
    assertThat(output.getAll())
        .contains("+49******0001")
        .doesNotContain("4915110000001")
        .doesNotContain(SECRET);
  }

  @ParameterizedTest(name = "Vonage status {0} is ours to fix: given up at once")
  @CsvSource({
    "2, Missing from param",
    "3, Invalid from param",
    "4, Bad Credentials",
    "8, Partner account barred",
    "9, Partner quota exceeded",
    "15, Illegal Sender Address - rejected",
    "29, Non White-listed Destination - rejected"
  })
  void accountAndRequestStatusesGiveUp(String status, String text, CapturedOutput output) {
    vonage.stubFor(
        post(PATH).willReturn(aResponse().withStatus(200).withBody(answer(status, text))));

    assertThatThrownBy(() -> sender(3, 20).send(TwilioSmsSenderIT.message()))
        .isInstanceOfSatisfying(
            SmsDeliveryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
        .hasMessageContaining("Vonage status " + status);
    assertThat(requests()).hasSize(1);
    assertThat(output.getAll()).contains("ERROR").doesNotContain(SECRET).doesNotContain(KEY + ":");
  }

  @Test
  void throttlingAndAnInternalErrorAreRetriedThenTheMessageIsSent() {
    vonage.stubFor(
        post(PATH)
            .inScenario("busy")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse().withStatus(200).withBody(answer("1", "Throughput Rate Exceeded")))
            .willSetStateTo("broken"));
    vonage.stubFor(
        post(PATH)
            .inScenario("busy")
            .whenScenarioStateIs("broken")
            .willReturn(aResponse().withStatus(200).withBody(answer("5", "Internal Error")))
            .willSetStateTo("ok"));
    vonage.stubFor(
        post(PATH)
            .inScenario("busy")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200).withBody(answer("0", null))));

    sender(3, 20).send(TwilioSmsSenderIT.message());

    assertThat(requests()).hasSize(3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(300));
  }

  @Test
  void http5xxAnd429AreRetriedUpToTheLimit() {
    vonage.stubFor(
        post(PATH)
            .inScenario("down")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429))
            .willSetStateTo("still"));
    vonage.stubFor(
        post(PATH)
            .inScenario("down")
            .whenScenarioStateIs("still")
            .willReturn(aResponse().withStatus(502)));

    assertThatThrownBy(() -> sender(3, 20).send(TwilioSmsSenderIT.message()))
        .isInstanceOfSatisfying(
            SmsDeliveryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
        .hasMessageContaining("3 attempt(s)")
        .hasMessageContaining("HTTP 502");
    assertThat(requests()).hasSize(3);
  }

  @Test
  void anAnswerWithoutMessagesIsNotRetried() {
    vonage.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withBody("{}")));

    assertThatThrownBy(() -> sender(3, 20).send(TwilioSmsSenderIT.message()))
        .isInstanceOfSatisfying(
            SmsDeliveryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED));
    assertThat(requests()).hasSize(1);
  }

  @Test
  void theCircuitOpensOnThrottlingAndFailsFast() {
    vonage.stubFor(
        post(PATH).willReturn(aResponse().withStatus(200).withBody(answer("1", "Throttled"))));
    VonageSmsSender sender = sender(2, 4);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> sender.send(TwilioSmsSenderIT.message()))
          .isInstanceOf(SmsDeliveryException.class);
    }
    assertThat(sender.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThatThrownBy(() -> sender.send(TwilioSmsSenderIT.message()))
        .hasMessageContaining("circuit is open");
    assertThat(requests()).hasSize(4);
  }

  @Test
  void incompleteSettingsNameWhatIsMissingAndToStringHidesTheSecret() {
    assertThatThrownBy(
            () ->
                new VonageSmsSender(
                    new VonageProperties(URI.create(vonage.baseUrl()), KEY, " ", "Passbridge"),
                    TwilioSmsSenderIT.resilience(3, 20, Duration.ofSeconds(30)),
                    json,
                    d -> {}))
        .hasMessageContaining("passbridge.otp.sms.vonage.api-secret");
    assertThat(account().toString()).doesNotContain(SECRET).contains(KEY);
  }
}
