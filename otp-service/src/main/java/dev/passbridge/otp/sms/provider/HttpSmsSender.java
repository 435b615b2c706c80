package dev.passbridge.otp.sms.provider;

import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.SmsProperties;
import dev.passbridge.otp.sms.SmsSender;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The "own gateway" {@link SmsSender} ({@code sender=http}): {@code POST} JSON to an HTTP SMS
 * gateway of our own contract.
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
 *
 * The retries and the circuit are {@link ProviderClient}'s, shared with the Twilio and Vonage
 * adapters.
 */
public class HttpSmsSender implements SmsSender {
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final SmsProperties.ProviderProperties provider;
  private final JsonMapper json;
  private final ProviderClient client;

  public HttpSmsSender(SmsProperties.ProviderProperties provider, JsonMapper json) {
    this(provider, json, d -> Thread.sleep(d));
  }

  public HttpSmsSender(
      SmsProperties.ProviderProperties provider, JsonMapper json, ProviderClient.Sleeper sleeper) {
    if (provider.url() == null) {
      throw new IllegalArgumentException("passbridge.otp.sms.provider.url is not set");
    }
    this.provider = provider;
    this.json = json;
    this.client = new ProviderClient("http", provider, sleeper);
  }

  @Override
  public String name() {
    return "http";
  }

  public CircuitBreaker.State circuitState() {
    return client.circuitState();
  }

  @Override
  public void send(SmsMessage message) {
    client.send(message, request(message), HttpSmsSender::judge);
  }

  private static ProviderClient.Verdict judge(int status, String body) {
    if (status >= 200 && status < 300) {
      return ProviderClient.Verdict.sent("HTTP " + status);
    }
    return new ProviderClient.Verdict(
        ProviderClient.retryable(status)
            ? ProviderClient.Outcome.RETRY
            : ProviderClient.Outcome.GIVE_UP,
        "HTTP " + status);
  }

  private HttpRequest.Builder request(SmsMessage message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("to", message.to());
    body.put("from", provider.from());
    body.put("text", message.text());
    body.put("reference", message.messageId().toString());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(provider.url())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header(IDEMPOTENCY_KEY, message.messageId().toString())
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    if (provider.username() != null && !provider.username().isBlank()) {
      builder.header(
          "Authorization",
          basic(provider.username(), provider.password() == null ? "" : provider.password()));
    }
    return builder;
  }

  /** {@code Basic base64(user:password)}. */
  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
