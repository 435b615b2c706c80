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
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.passbridge.otp.sms.SmsDeliveryException;
import dev.passbridge.otp.sms.SmsDeliveryException.Reason;
import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.SmsProperties;
import dev.passbridge.otp.sms.TwilioProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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

/** The Twilio adapter against a stub of the documented Messages exchange (WireMock). */
@ExtendWith(OutputCaptureExtension.class)
class TwilioSmsSenderIT {
  static final String SID = "AC0123456789abcdef0123456789abcdef";
  static final String TOKEN = "twilio-auth-token-s3cr3t";
  static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";
  static final String TO = "+4915110000001";
  static WireMockServer twilio;
  final JsonMapper json = JsonMapper.builder().build();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    twilio = new WireMockServer(options().dynamicPort().containerThreads(20));
    twilio.start();
  }

  @AfterAll
  static void stop() {
    twilio.stop();
  }

  @BeforeEach
  void reset() {
    twilio.resetAll();
    sleeps.clear();
  }

  /** Read timeout 2 s: a cold first request must not time out (the timeout test sets its own). */
  static SmsProperties.ProviderProperties resilience(int maxAttempts, int window, Duration open) {
    return resilience(maxAttempts, window, open, Duration.ofSeconds(2));
  }

  static SmsProperties.ProviderProperties resilience(
      int maxAttempts, int window, Duration open, Duration readTimeout) {
    return new SmsProperties.ProviderProperties(
        null,
        null,
        null,
        "Passbridge",
        Duration.ofSeconds(1),
        readTimeout,
        maxAttempts,
        Duration.ofMillis(200),
        Duration.ofMillis(300),
        50,
        window,
        window,
        open,
        1);
  }

  TwilioProperties account() {
    return new TwilioProperties(
        URI.create(twilio.baseUrl()), SID, TOKEN, null, null, "+15005550006", null);
  }

  TwilioSmsSender sender(TwilioProperties settings, SmsProperties.ProviderProperties resilience) {
    return new TwilioSmsSender(
        settings,
        resilience,
        json,
        d -> {
          sleeps.add(d);
          Thread.sleep(Math.min(d.toMillis(), 20));
        });
  }

  TwilioSmsSender sender() {
    return sender(account(), resilience(3, 20, Duration.ofSeconds(30)));
  }

  static SmsMessage message() {
    return new SmsMessage(
        UUID.randomUUID(),
        "AAAAAAAAAAAAAAAAAAAAAA",
        TO,
        "Your Passbridge code is 123456.",
        "123456",
        Instant.now());
  }

  static String created() {
    return """
        {"sid": "SM1234567890abcdef1234567890abcdef", "status": "queued", "to": "%s",
         "body": "Your Passbridge code is 123456.", "error_code": null}"""
        .formatted(TO);
  }

  static String error(int httpStatus, int code, String message) {
    return """
        {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d",
         "status": %d}"""
        .formatted(code, message, code, httpStatus);
  }

  List<LoggedRequest> requests() {
    return twilio.findAll(postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void postsTheDocumentedFormWithBasicAuthAndReadsThe201() {
    twilio.stubFor(
        post(PATH)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(created())));

    sender().send(message());

    twilio.verify(
        1,
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
            .withBasicAuth(new BasicCredentials(SID, TOKEN))
            .withFormParam("To", equalTo(TO))
            .withFormParam("From", equalTo("+15005550006"))
            .withFormParam("Body", equalTo("Your Passbridge code is 123456.")));
    assertThat(requests().getFirst().getBodyAsString()).doesNotContain("MessagingServiceSid");
  }

  @Test
  void anApiKeyAndAMessagingServiceReplaceTheTokenAndTheSender() {
    twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withBody(created())));
    var settings =
        new TwilioProperties(
            URI.create(twilio.baseUrl() + "/"),
            SID,
            null,
            "SK0123456789abcdef0123456789abcdef",
            "api-key-secret-s3cr3t",
            null,
            "MG0123456789abcdef0123456789abcdef");

    sender(settings, resilience(3, 20, Duration.ofSeconds(30))).send(message());

    twilio.verify(
        1,
        postRequestedFor(urlEqualTo(PATH))
            .withBasicAuth(
                new BasicCredentials("SK0123456789abcdef0123456789abcdef", "api-key-secret-s3cr3t"))
            .withFormParam("MessagingServiceSid", equalTo("MG0123456789abcdef0123456789abcdef")));
    assertThat(requests().getFirst().getBodyAsString()).doesNotContain("From=");
  }

  @ParameterizedTest(name = "Twilio {0} is the recipient's problem: not retried, the user is told")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "21211| The 'To' number +4915110000001 is not a valid phone number.",
        "21610| Attempt to send to unsubscribed recipient",
        "21614| 'To' number +4915110000001 is not a valid mobile number",
        "21408| Permission to send an SMS has not been enabled for the region indicated by the 'To'"
            + " number: +4915110000001",
        "21612| The 'To' phone number: +4915110000001 is not currently reachable using the 'From'"
            + " phone number via SMS."
      })
  void recipientErrorsTellTheUserAndAreNotRetried(int code, String text, CapturedOutput output) {
    twilio.stubFor(
        post(PATH).willReturn(aResponse().withStatus(400).withBody(error(400, code, text))));

    assertThatThrownBy(() -> sender().send(message()))
        .isInstanceOfSatisfying(
            SmsDeliveryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.RECIPIENT))
        .hasMessageContaining("Twilio error " + code)
        .message()
        .doesNotContain(TO);
    assertThat(requests()).hasSize(1);
    assertThat(sleeps).isEmpty();
    assertThat(output.getAll())
        .contains("+49******0001", "Twilio error " + code)
        .doesNotContain(TO)
        .doesNotContain("4915110000001")
        .doesNotContain(TOKEN)
        .doesNotContain("123456");
  }

  @Test
  void badCredentialsGiveUpAtOnceAndLogLoudlyWithoutTheSecret(CapturedOutput output) {
    twilio.stubFor(
        post(PATH)
            .willReturn(aResponse().withStatus(401).withBody(error(401, 20003, "Authenticate"))));

    assertThatThrownBy(() -> sender().send(message()))
        .isInstanceOfSatisfying(
            SmsDeliveryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
        .hasMessageContaining("20003");
    assertThat(requests()).hasSize(1);
    assertThat(output.getAll())
        .contains("ERROR", "authentication")
        .doesNotContain(TOKEN)
        .doesNotContain(TO);
  }

  @Test
  void anUnknownClientErrorGivesUp() {
    twilio.stubFor(
        post(PATH)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(error(400, 21606, "The 'From' phone number is not valid"))));

    assertThatThrownBy(() -> sender().send(message()))
        .isInstanceOfSatisfying(
            SmsDeliveryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED));
    assertThat(requests()).hasSize(1);
  }

  @Test
  void tooManyRequestsAndA5xxAreRetriedThenTheMessageIsSent() {
    twilio.stubFor(
        post(PATH)
            .inScenario("busy")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse().withStatus(429).withBody(error(429, 20429, "Too Many Requests")))
            .willSetStateTo("down"));
    twilio.stubFor(
        post(PATH)
            .inScenario("busy")
            .whenScenarioStateIs("down")
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    twilio.stubFor(
        post(PATH)
            .inScenario("busy")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(201).withBody(created())));

    sender().send(message());

    assertThat(requests()).hasSize(3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(300));
  }

  @Test
  void aTimeoutIsRetriedAndThrottlingToTheEndIsUnavailable() throws InterruptedException {
    twilio.stubFor(
        post(PATH).willReturn(aResponse().withStatus(201).withFixedDelay(1_000).withBody("{}")));

    TwilioSmsSender sender =
        sender(account(), resilience(3, 20, Duration.ofSeconds(30), Duration.ofMillis(400)));
    assertThatThrownBy(() -> sender.send(message()))
        .isInstanceOfSatisfying(
            SmsDeliveryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
        .hasMessageContaining("3 attempt(s)")
        .hasMessageContaining("timeout");
    // WireMock logs a request once its (late) answer is written: let the last one finish, so that
    // it does not show up in the next test's request log
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (requests().size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(requests()).hasSize(3);
  }

  @Test
  void theCircuitOpensAndFailsFastWithoutARequest() {
    twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(500)));
    TwilioSmsSender sender = sender(account(), resilience(2, 4, Duration.ofSeconds(30)));

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> sender.send(message())).isInstanceOf(SmsDeliveryException.class);
    }
    assertThat(sender.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThatThrownBy(() -> sender.send(message()))
        .isInstanceOfSatisfying(
            SmsDeliveryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
        .hasMessageContaining("circuit is open");
    assertThat(requests()).as("an open circuit does not call Twilio").hasSize(4);
  }

  @Test
  void recipientErrorsDoNotOpenTheCircuit() {
    twilio.stubFor(
        post(PATH).willReturn(aResponse().withStatus(400).withBody(error(400, 21211, "invalid"))));
    TwilioSmsSender sender = sender(account(), resilience(2, 4, Duration.ofSeconds(30)));

    for (int i = 0; i < 6; i++) {
      assertThatThrownBy(() -> sender.send(message())).isInstanceOf(SmsDeliveryException.class);
    }
    assertThat(sender.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(requests()).hasSize(6);
  }

  @Test
  void incompleteSettingsNameWhatIsMissingAndToStringHidesTheSecrets() {
    assertThatThrownBy(
            () ->
                sender(
                    new TwilioProperties(
                        URI.create(twilio.baseUrl()), SID, null, null, null, null, null),
                    resilience(3, 20, Duration.ofSeconds(30))))
        .hasMessageContaining("passbridge.otp.sms.twilio.auth-token")
        .hasMessageContaining("passbridge.otp.sms.twilio.from");
    assertThat(account().toString()).doesNotContain(TOKEN).contains(SID);
    assertThat(
            new TwilioProperties(
                    URI.create(twilio.baseUrl()),
                    SID,
                    null,
                    "SKx",
                    "api-key-secret-s3cr3t",
                    "x",
                    null)
                .toString())
        .doesNotContain("api-key-secret-s3cr3t");
  }
}
