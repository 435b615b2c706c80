package dev.passbridge.otp.sms.provider;

import dev.passbridge.otp.sms.PhoneNumbers;
import dev.passbridge.otp.sms.SmsDeliveryException;
import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.SmsProperties;
import dev.passbridge.otp.sms.SmsSender;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production {@link SmsSender}: {@code POST} to an HTTP SMS provider.
 *
 * <ul>
 *   <li>Every attempt has a connect and a read timeout.
 *   <li>Timeouts, connection failures, 5xx, 408 and 429 are retried with exponential backoff, up to
 *       {@code maxAttempts}; other 4xx are final (the request itself is wrong).
 *   <li>Every attempt of one message carries the same {@code Idempotency-Key} (the message id), so
 *       a provider that got a request whose answer we lost drops the retry: one SMS, not two.
 *   <li>A circuit breaker counts every attempt; while it is open, sends fail at once instead of
 *       piling up threads on a dead provider.
 * </ul>
 */
public class HttpSmsSender implements SmsSender {
  private static final Logger log = LoggerFactory.getLogger(HttpSmsSender.class);
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final SmsProperties.ProviderProperties provider;
  private final HttpClient http;
  private final JsonMapper json;
  private final CircuitBreaker circuit;
  private final Sleeper sleeper;

  /** Waits between attempts (a test may skip the wait). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  public HttpSmsSender(SmsProperties.ProviderProperties provider, JsonMapper json) {
    this(provider, json, d -> Thread.sleep(d));
  }

  public HttpSmsSender(
      SmsProperties.ProviderProperties provider, JsonMapper json, Sleeper sleeper) {
    if (provider.url() == null) {
      throw new IllegalArgumentException("passbridge.otp.sms.provider.url is not set");
    }
    this.provider = provider;
    this.json = json;
    this.sleeper = sleeper;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(provider.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.circuit =
        CircuitBreaker.of(
            "sms-provider",
            CircuitBreakerConfig.custom()
                .failureRateThreshold(provider.circuitFailureRate())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(provider.circuitWindow())
                .minimumNumberOfCalls(provider.circuitMinimumCalls())
                .waitDurationInOpenState(provider.circuitOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(provider.circuitHalfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build());
  }

  @Override
  public String name() {
    return "http";
  }

  public CircuitBreaker.State circuitState() {
    return circuit.getState();
  }

  @Override
  public void send(SmsMessage message) {
    HttpRequest request = request(message);
    Duration backoff = provider.initialBackoff();
    String lastFailure = "no attempt";
    for (int attempt = 1; attempt <= provider.maxAttempts(); attempt++) {
      if (!circuit.tryAcquirePermission()) {
        log.atWarn()
            .addKeyValue("messageId", message.messageId())
            .addKeyValue("loginId", message.loginId())
            .log("SMS provider circuit is open; message {} not sent", message.messageId());
        throw new SmsDeliveryException(
            "SMS provider circuit is open (" + lastFailure + ")", true, null);
      }
      long start = System.nanoTime();
      Failure failure;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          circuit.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
          log.atInfo()
              .addKeyValue("messageId", message.messageId())
              .addKeyValue("loginId", message.loginId())
              .addKeyValue("to", PhoneNumbers.mask(message.to()))
              .addKeyValue("attempt", attempt)
              .log(
                  "SMS {} to {} accepted by the provider (attempt {})",
                  message.messageId(),
                  PhoneNumbers.mask(message.to()),
                  attempt);
          return;
        }
        if (!retryable(status)) {
          // the provider is healthy; our request is what it refuses
          circuit.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
          log.atError()
              .addKeyValue("messageId", message.messageId())
              .addKeyValue("loginId", message.loginId())
              .addKeyValue("status", status)
              .log("SMS provider refused message {} with HTTP {}", message.messageId(), status);
          throw new SmsDeliveryException(
              "SMS provider refused the message: " + status, false, null);
        }
        failure = new Failure("HTTP " + status, null);
      } catch (HttpTimeoutException e) {
        failure = new Failure("timeout", e);
      } catch (IOException e) {
        failure = new Failure(e.getClass().getSimpleName(), e);
      } catch (InterruptedException e) {
        circuit.releasePermission();
        Thread.currentThread().interrupt();
        throw new SmsDeliveryException("interrupted while sending an SMS", true, e);
      }
      lastFailure = failure.description();
      circuit.onError(
          System.nanoTime() - start,
          TimeUnit.NANOSECONDS,
          failure.cause() != null ? failure.cause() : new IOException(failure.description()));
      log.atWarn()
          .addKeyValue("messageId", message.messageId())
          .addKeyValue("loginId", message.loginId())
          .addKeyValue("attempt", attempt)
          .addKeyValue("failure", failure.description())
          .log("SMS {} attempt {} failed: {}", message.messageId(), attempt, failure.description());
      if (attempt < provider.maxAttempts()) {
        try {
          sleeper.sleep(backoff);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SmsDeliveryException("interrupted while sending an SMS", true, e);
        }
        backoff = min(backoff.multipliedBy(2), provider.maxBackoff());
      }
    }
    throw new SmsDeliveryException(
        "SMS provider failed " + provider.maxAttempts() + " attempt(s), last: " + lastFailure,
        true,
        null);
  }

  private HttpRequest request(SmsMessage message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("to", message.to());
    body.put("from", provider.from());
    body.put("text", message.text());
    body.put("reference", message.messageId().toString());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(provider.url())
            .timeout(provider.readTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header(IDEMPOTENCY_KEY, message.messageId().toString())
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    if (provider.username() != null && !provider.username().isBlank()) {
      String credentials =
          provider.username() + ":" + (provider.password() == null ? "" : provider.password());
      builder.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return builder.build();
  }

  private static boolean retryable(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private record Failure(String description, Throwable cause) {}
}
