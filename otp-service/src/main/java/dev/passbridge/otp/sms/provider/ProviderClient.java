package dev.passbridge.otp.sms.provider;

import dev.passbridge.otp.sms.SmsDeliveryException;
import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.SmsProperties;
import dev.passbridge.platform.core.privacy.PhoneNumbers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every HTTP SMS adapter shares: one JDK {@link HttpClient} with a connect timeout, a read
 * timeout per attempt, retries with exponential backoff, and a circuit breaker that counts every
 * attempt. The adapter builds the request and maps the provider's answer to a {@link Verdict}; this
 * class decides what happens next:
 *
 * <ul>
 *   <li>{@link Outcome#SENT}: done.
 *   <li>{@link Outcome#RETRY} (and timeouts, I/O errors): a failed attempt for the circuit; the
 *       next attempt follows after the backoff, up to {@code maxAttempts}, then {@link
 *       SmsDeliveryException.Reason#UNAVAILABLE}.
 *   <li>{@link Outcome#GIVE_UP}: our request, credentials or account are wrong. No retry, the
 *       provider counts as healthy, logged at ERROR (the provider's code, never its text or our
 *       secrets), {@link SmsDeliveryException.Reason#REJECTED}.
 *   <li>{@link Outcome#TELL_USER}: the recipient's number cannot get the SMS. No retry, logged at
 *       WARN with the masked number, {@link SmsDeliveryException.Reason#RECIPIENT}.
 * </ul>
 */
public final class ProviderClient {
  private static final Logger log = LoggerFactory.getLogger(ProviderClient.class);

  /** What the adapter makes of one answer. */
  public enum Outcome {
    SENT,
    RETRY,
    GIVE_UP,
    TELL_USER
  }

  /**
   * One answer, judged.
   *
   * @param detail for logs and exception messages: the HTTP status and the provider's error code,
   *     never the provider's free text (it may quote the phone number) and never a credential
   */
  public record Verdict(Outcome outcome, String detail) {
    public static Verdict sent(String detail) {
      return new Verdict(Outcome.SENT, detail);
    }
  }

  /** Maps one HTTP answer of the provider to a verdict. */
  @FunctionalInterface
  public interface Judge {
    Verdict judge(int status, String body);
  }

  /** Waits between attempts (a test may skip the wait). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final String provider;
  private final SmsProperties.ProviderProperties settings;
  private final HttpClient http;
  private final CircuitBreaker circuit;
  private final Sleeper sleeper;

  /**
   * @param provider the adapter's name, for logs and exception messages
   * @param settings the timeouts, retries and circuit breaker (the {@code url} and credentials in
   *     it are not used here)
   */
  public ProviderClient(
      String provider, SmsProperties.ProviderProperties settings, Sleeper sleeper) {
    this.provider = provider;
    this.settings = settings;
    this.sleeper = sleeper;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.circuit =
        CircuitBreaker.of(
            "sms-" + provider,
            CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.circuitFailureRate())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.circuitWindow())
                .minimumNumberOfCalls(settings.circuitMinimumCalls())
                .waitDurationInOpenState(settings.circuitOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(settings.circuitHalfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build());
  }

  public CircuitBreaker.State circuitState() {
    return circuit.getState();
  }

  /** Every attempt gets a fresh {@code request} with the read timeout of the settings. */
  public void send(SmsMessage message, HttpRequest.Builder request, Judge judge) {
    HttpRequest built = request.timeout(settings.readTimeout()).build();
    Duration backoff = settings.initialBackoff();
    String lastFailure = "no attempt";
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      if (!circuit.tryAcquirePermission()) {
        log.atWarn()
            .addKeyValue("messageId", message.messageId())
            .addKeyValue("loginId", message.loginId())
            .addKeyValue("provider", provider)
            .log("SMS provider circuit is open; message {} not sent", message.messageId());
        throw new SmsDeliveryException(
            "SMS provider circuit is open (" + lastFailure + ")",
            SmsDeliveryException.Reason.UNAVAILABLE,
            null);
      }
      long start = System.nanoTime();
      Verdict verdict;
      Throwable cause = null;
      try {
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        verdict = judge.judge(response.statusCode(), response.body());
      } catch (HttpTimeoutException e) {
        verdict = new Verdict(Outcome.RETRY, "timeout");
        cause = e;
      } catch (IOException e) {
        verdict = new Verdict(Outcome.RETRY, e.getClass().getSimpleName());
        cause = e;
      } catch (InterruptedException e) {
        circuit.releasePermission();
        Thread.currentThread().interrupt();
        throw new SmsDeliveryException(
            "interrupted while sending an SMS", SmsDeliveryException.Reason.UNAVAILABLE, e);
      }
      long took = System.nanoTime() - start;
      switch (verdict.outcome()) {
        case SENT -> {
          circuit.onSuccess(took, TimeUnit.NANOSECONDS);
          log.atInfo()
              .addKeyValue("messageId", message.messageId())
              .addKeyValue("loginId", message.loginId())
              .addKeyValue("to", PhoneNumbers.mask(message.to()))
              .addKeyValue("attempt", attempt)
              .addKeyValue("provider", provider)
              .log(
                  "SMS {} to {} accepted by the provider (attempt {}, {})",
                  message.messageId(),
                  PhoneNumbers.mask(message.to()),
                  attempt,
                  verdict.detail());
          return;
        }
        case GIVE_UP -> {
          // the provider is healthy; our request (credentials, account, sender) is what it refuses
          circuit.onSuccess(took, TimeUnit.NANOSECONDS);
          log.atError()
              .addKeyValue("messageId", message.messageId())
              .addKeyValue("loginId", message.loginId())
              .addKeyValue("provider", provider)
              .addKeyValue("failure", verdict.detail())
              .log(
                  "SMS provider {} refused message {}: {}; check the provider settings",
                  provider,
                  message.messageId(),
                  verdict.detail());
          throw new SmsDeliveryException(
              "SMS provider refused the message: " + verdict.detail(),
              SmsDeliveryException.Reason.REJECTED,
              null);
        }
        case TELL_USER -> {
          circuit.onSuccess(took, TimeUnit.NANOSECONDS);
          log.atWarn()
              .addKeyValue("messageId", message.messageId())
              .addKeyValue("loginId", message.loginId())
              .addKeyValue("to", PhoneNumbers.mask(message.to()))
              .addKeyValue("provider", provider)
              .addKeyValue("failure", verdict.detail())
              .log(
                  "SMS {} to {} cannot be delivered to that number: {}",
                  message.messageId(),
                  PhoneNumbers.mask(message.to()),
                  verdict.detail());
          throw new SmsDeliveryException(
              "the recipient cannot get the SMS: " + verdict.detail(),
              SmsDeliveryException.Reason.RECIPIENT,
              null);
        }
        case RETRY -> {
          lastFailure = verdict.detail();
          circuit.onError(
              took, TimeUnit.NANOSECONDS, cause != null ? cause : new IOException(lastFailure));
          log.atWarn()
              .addKeyValue("messageId", message.messageId())
              .addKeyValue("loginId", message.loginId())
              .addKeyValue("attempt", attempt)
              .addKeyValue("provider", provider)
              .addKeyValue("failure", lastFailure)
              .log("SMS {} attempt {} failed: {}", message.messageId(), attempt, lastFailure);
        }
      }
      if (attempt < settings.maxAttempts()) {
        try {
          sleeper.sleep(backoff);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SmsDeliveryException(
              "interrupted while sending an SMS", SmsDeliveryException.Reason.UNAVAILABLE, e);
        }
        backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
      }
    }
    throw new SmsDeliveryException(
        "SMS provider failed " + settings.maxAttempts() + " attempt(s), last: " + lastFailure,
        SmsDeliveryException.Reason.UNAVAILABLE,
        null);
  }

  /** Timeouts-worth statuses every provider shares: 5xx, 408, 429. */
  public static boolean retryable(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
