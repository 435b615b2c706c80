package dev.passbridge.otp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.passbridge.otp.OtpHttp.json;
import static dev.passbridge.otp.OtpHttp.newLoginId;
import static dev.passbridge.otp.OtpHttp.newPhone;
import static dev.passbridge.otp.OtpHttp.passwordAuthenticated;
import static dev.passbridge.otp.OtpHttp.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.otp.sms.provider.HttpSmsSender;
import dev.passbridge.platform.kafka.EventPublisher;
import dev.passbridge.testsupport.EventCapture;
import dev.passbridge.testsupport.TestInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production shape (no profile): codes go to an HTTP SMS provider (WireMock here), and the dev
 * inbox does not exist.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=otp-service",
      "spring.application.name=otp-it-production",
      "passbridge.otp.hmac-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
      "passbridge.otp.sms.provider.username=acct-1",
      "passbridge.otp.sms.provider.password=token-1",
      "passbridge.otp.sms.provider.read-timeout=500ms",
      "passbridge.otp.sms.provider.initial-backoff=20ms",
      "passbridge.otp.sms.provider.max-backoff=40ms",
      // a single outage test must not open the circuit for the others
      "passbridge.otp.sms.provider.circuit-window=1000",
      "passbridge.otp.sms.provider.circuit-minimum-calls=1000",
      "passbridge.kafka.retry-initial-interval=50ms",
      "passbridge.kafka.retry-max-interval=100ms"
    })
@Import(MutableClock.Config.class)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ProductionShapeIT {
  static final WireMockServer PROVIDER = new WireMockServer(options().dynamicPort());
  static final Duration WAIT = Duration.ofSeconds(20);
  static final Pattern CODE = Pattern.compile("code is ([0-9]{6})");

  static {
    PROVIDER.start();
  }

  @AfterAll
  static void stopProvider() {
    PROVIDER.stop();
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerKafka(registry);
    TestInfrastructure.registerRedis(registry);
    registry.add("passbridge.otp.sms.provider.url", () -> PROVIDER.baseUrl() + "/v1/sms");
  }

  @LocalServerPort int port;
  @Autowired EventPublisher events;
  @Autowired MutableClock clock;
  @Autowired StringRedisTemplate redis;
  final JsonMapper mapper = JsonMapper.builder().build();
  OtpHttp http;

  @BeforeEach
  void reset() {
    http = new OtpHttp(port);
    PROVIDER.resetAll();
    PROVIDER.stubFor(post("/v1/sms").willReturn(aResponse().withStatus(202)));
  }

  List<LoggedRequest> smsTo(String phone) {
    return PROVIDER.findAll(postRequestedFor(urlEqualTo("/v1/sms"))).stream()
        .filter(r -> mapper.readTree(r.getBodyAsString()).path("to").asString().equals(phone))
        .toList();
  }

  LoggedRequest awaitSms(String phone) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      var requests = smsTo(phone);
      if (!requests.isEmpty()) {
        return requests.getFirst();
      }
      OtpServiceIT.sleep(25);
    }
    throw new AssertionError("the provider got no SMS for " + phone);
  }

  static String code(LoggedRequest sms) {
    Matcher m = CODE.matcher(sms.getBodyAsString());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void theDevInboxDoesNotExistWithoutTheLocalProfile() {
    HttpResponse<String> response = http.get("/api/dev/sms?loginId=" + newLoginId());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(problem(response)).isEqualTo("not-found");
  }

  @Test
  void theCodeGoesThroughTheSmsProviderAndVerifies(CapturedOutput output) {
    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.OTP_VERIFIED)) {
      String phone = newPhone();
      PasswordAuthenticated event =
          passwordAuthenticated(UUID.randomUUID(), newLoginId(), phone, clock.instant());
      events.publishAndWait(event);

      LoggedRequest sms = awaitSms(phone);
      assertThat(sms.getHeader(HttpSmsSender.IDEMPOTENCY_KEY)).isNotBlank();
      assertThat(sms.getHeader("Authorization")).startsWith("Basic ");
      var body = mapper.readTree(sms.getBodyAsString());
      assertThat(body.path("from").asString()).isEqualTo("Passbridge");
      assertThat(body.path("text").asString()).doesNotContain("@localhost");

      assertThat(http.verify(event.loginId(), code(sms)).statusCode()).isEqualTo(204);
      capture.await(OtpVerified.class, e -> e.loginId().equals(event.loginId()), WAIT);

      // production logs are ECS JSON with the login as a field; the number only masked
      String masked = phone.substring(0, 3) + "******" + phone.substring(phone.length() - 4);
      assertThat(output.getAll())
          .doesNotContain(phone)
          .doesNotContain("code is " + code(sms))
          .contains("\"loginId\":\"" + event.loginId() + "\"")
          .contains("\"to\":\"" + masked + "\"")
          .contains("\"ecs\":{\"version\"");
    }
  }

  @Test
  void aProviderOutageParksTheEventOnTheDeadLetterTopicAndLeavesNoCodeBehind() {
    PROVIDER.resetAll();
    PROVIDER.stubFor(post("/v1/sms").willReturn(aResponse().withStatus(503)));
    String dlt = Topics.PASSWORD_AUTHENTICATED.deadLetterName();
    try (var consumer =
        new KafkaConsumer<String, byte[]>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "dlt-reader-" + UUID.randomUUID()),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(dlt).stream()
              .map(p -> new TopicPartition(dlt, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);

      String phone = newPhone();
      PasswordAuthenticated event =
          passwordAuthenticated(UUID.randomUUID(), newLoginId(), phone, clock.instant());
      events.publishAndWait(event);

      boolean parked = false;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!parked && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(100))) {
          parked |=
              record.key().equals(event.userId().toString())
                  && new String(record.value()).contains(event.loginId());
        }
      }
      assertThat(parked).as("event on " + dlt).isTrue();
      // every delivery (first + 3 redeliveries) tried the provider 3 times
      assertThat(smsTo(phone)).hasSize(12);
      assertThat(
              smsTo(phone).stream().map(r -> r.getHeader(HttpSmsSender.IDEMPOTENCY_KEY)).distinct())
          .as("one idempotency key per message, a new message per delivery")
          .hasSize(4);
      assertThat(redis.hasKey("otp:code:" + event.loginId())).isFalse();
      assertThat(redis.hasKey("otp:dedupe:" + event.eventId())).isFalse();
    }
  }

  @Test
  void aResendThatCannotBeSentIsGivenBack() {
    String phone = newPhone();
    PasswordAuthenticated event =
        passwordAuthenticated(UUID.randomUUID(), newLoginId(), phone, clock.instant());
    events.publishAndWait(event);
    String firstCode = code(awaitSms(phone));

    clock.advance(Duration.ofSeconds(30));
    PROVIDER.resetAll();
    PROVIDER.stubFor(post("/v1/sms").willReturn(aResponse().withStatus(500)));
    HttpResponse<String> failed = http.resend(event.loginId());
    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(problem(failed)).isEqualTo("sms-unavailable");
    assertThat(failed.headers().firstValue("Retry-After")).isPresent();

    PROVIDER.resetAll();
    PROVIDER.stubFor(post("/v1/sms").willReturn(aResponse().withStatus(202)));
    HttpResponse<String> retried = http.resend(event.loginId());
    assertThat(retried.statusCode()).as("no cooldown after a failed send").isEqualTo(200);
    assertThat(json(retried).path("resendsLeft").asInt())
        .as("the failed one was given back")
        .isEqualTo(2);

    String newCode = code(awaitSms(phone));
    if (!newCode.equals(firstCode)) {
      assertThat(http.verify(event.loginId(), firstCode).statusCode()).isEqualTo(400);
    }
    assertThat(http.verify(event.loginId(), newCode).statusCode()).isEqualTo(204);
  }
}
