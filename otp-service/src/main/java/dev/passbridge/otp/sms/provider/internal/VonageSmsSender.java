package dev.passbridge.otp.sms.provider.internal;

import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.SmsProperties;
import dev.passbridge.otp.sms.SmsSender;
import dev.passbridge.otp.sms.VonageProperties;
import dev.passbridge.otp.sms.provider.ProviderClient;
import dev.passbridge.otp.sms.provider.ProviderClient.Outcome;
import dev.passbridge.otp.sms.provider.ProviderClient.Verdict;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code sender=vonage}: the Vonage SMS API, {@code POST /sms/json} with the form fields {@code
 * api_key}, {@code api_secret}, {@code from}, {@code to} (E.164 without the {@code +}), {@code
 * text} and {@code client-ref} (our message id, for tracing a message in Vonage's records). Vonage
 * answers 200 with {@code {"message-count": "1", "messages": [{"status": "0", "message-id": …}]}};
 * a non-zero {@code status} of any part is the error, and its number decides (see
 * docs/services/otp-service.md for the table). The {@code error-text} is never logged.
 *
 * <p>The SMS API takes no idempotency key: a retry after a timeout whose request Vonage had
 * accepted sends the same text (same code) twice.
 */
public final class VonageSmsSender implements SmsSender {

  /** The recipient cannot get the SMS: the user is told. */
  static final Set<Integer> RECIPIENT_STATUSES =
      Set.of(
          6, // invalid message: e.g. an unrecognised number prefix
          7, // number barred
          34); // invalid or missing MSISDN (the 'to' number)

  /** Try again later. */
  static final Set<Integer> RETRY_STATUSES =
      Set.of(
          1, // throttled
          5, // internal error
          10, // too many existing binds
          13); // communication failure

  private final VonageProperties vonage;
  private final URI endpoint;
  private final JsonMapper json;
  private final ProviderClient client;

  public VonageSmsSender(
      VonageProperties vonage,
      SmsProperties.ProviderProperties resilience,
      JsonMapper json,
      ProviderClient.Sleeper sleeper) {
    if (!vonage.missing().isEmpty()) {
      throw new IllegalArgumentException(
          "sender=vonage needs " + String.join(", ", vonage.missing()));
    }
    this.vonage = vonage;
    this.json = json;
    this.endpoint = URI.create(vonage.baseUrl().toString().replaceAll("/+$", "") + "/sms/json");
    this.client = new ProviderClient("vonage", resilience, sleeper);
  }

  @Override
  public String name() {
    return "vonage";
  }

  public CircuitBreaker.State circuitState() {
    return client.circuitState();
  }

  @Override
  public void send(SmsMessage message) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("api_key", vonage.apiKey().strip());
    form.put("api_secret", vonage.apiSecret().strip());
    form.put("from", vonage.from().strip());
    form.put("to", withoutPlus(message.to()));
    form.put("text", message.text());
    form.put("client-ref", message.messageId().toString());
    if (!message.text().chars().allMatch(c -> c < 128)) {
      form.put("type", "unicode");
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(FormBody.of(form)));
    client.send(message, request, this::judge);
  }

  /** Vonage wants E.164 without the leading {@code +} (or {@code 00}). */
  static String withoutPlus(String number) {
    String n = number.strip();
    if (n.startsWith("+")) {
      return n.substring(1);
    }
    if (n.startsWith("00")) {
      return n.substring(2);
    }
    return n;
  }

  Verdict judge(int status, String body) {
    if (ProviderClient.retryable(status)) {
      return new Verdict(Outcome.RETRY, "HTTP " + status);
    }
    if (status == 401 || status == 403) {
      return new Verdict(Outcome.GIVE_UP, "HTTP " + status + " (authentication)");
    }
    if (status < 200 || status >= 300) {
      return new Verdict(Outcome.GIVE_UP, "HTTP " + status);
    }
    JsonNode answer = parse(body);
    JsonNode messages = answer == null ? null : answer.path("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      // a 200 without the documented body: we cannot tell whether it was sent; do not send twice
      return new Verdict(Outcome.GIVE_UP, "HTTP " + status + ", no messages in the answer");
    }
    Verdict worst = null;
    for (JsonNode part : messages) {
      int code = parseStatus(part.path("status").asString("-1"));
      if (code == 0) {
        continue;
      }
      String detail = "HTTP " + status + ", Vonage status " + code;
      Outcome outcome;
      if (RETRY_STATUSES.contains(code)) {
        outcome = Outcome.RETRY;
      } else if (RECIPIENT_STATUSES.contains(code)) {
        outcome = Outcome.TELL_USER;
      } else {
        outcome = Outcome.GIVE_UP;
      }
      Verdict verdict = new Verdict(outcome, code == 4 ? detail + " (authentication)" : detail);
      if (worst == null || rank(outcome) > rank(worst.outcome())) {
        worst = verdict;
      }
    }
    if (worst != null) {
      return worst;
    }
    return Verdict.sent(
        "HTTP "
            + status
            + ", message-id "
            + messages.get(0).path("message-id").asString("?")
            + ", parts "
            + messages.size());
  }

  /** When parts disagree, the more final outcome wins: give up over tell the user over retry. */
  private static int rank(Outcome outcome) {
    return switch (outcome) {
      case SENT -> 0;
      case RETRY -> 1;
      case TELL_USER -> 2;
      case GIVE_UP -> 3;
    };
  }

  private static int parseStatus(String s) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
