package dev.passbridge.otp.sms.provider.internal;

import dev.passbridge.otp.sms.SmsMessage;
import dev.passbridge.otp.sms.SmsProperties;
import dev.passbridge.otp.sms.SmsSender;
import dev.passbridge.otp.sms.TwilioProperties;
import dev.passbridge.otp.sms.provider.HttpSmsSender;
import dev.passbridge.otp.sms.provider.ProviderClient;
import dev.passbridge.otp.sms.provider.ProviderClient.Outcome;
import dev.passbridge.otp.sms.provider.ProviderClient.Verdict;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code sender=twilio}: Twilio Programmable Messaging, {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json} with HTTP Basic credentials (account SID and
 * auth token, or API key SID and secret) and the form fields {@code To}, {@code From} (or {@code
 * MessagingServiceSid}) and {@code Body}. A 201 with the message's {@code sid} is success; an error
 * is JSON {@code {code, message, more_info, status}}, and its Twilio {@code code} decides (see
 * docs/services/otp-service.md for the table). The {@code message} is never logged: Twilio quotes
 * the phone number in it.
 *
 * <p>Twilio's Messages API takes no idempotency key: a retry after a timeout whose request Twilio
 * had accepted sends the same text (same code) twice.
 */
public final class TwilioSmsSender implements SmsSender {

  /** The recipient cannot get the SMS: the user is told. */
  static final Set<Integer> RECIPIENT_CODES =
      Set.of(
          21211, // invalid 'To' phone number
          21214, // 'To' phone number cannot be reached
          21217, // phone number does not appear to be valid
          21265, // 'To' number cannot be a short code
          21408, // permission to send an SMS has not been enabled for the region
          21610, // attempt to send to an unsubscribed recipient (replied STOP)
          21612, // the 'To' number is not currently reachable via SMS
          21614, // 'To' number is not a valid mobile number
          30003, // unreachable destination handset
          30004, // message blocked
          30005, // unknown destination handset
          30006); // landline or unreachable carrier

  /** Try again later. */
  static final Set<Integer> RETRY_CODES =
      Set.of(
          20429, // too many requests
          20500, // internal server error
          20503, // service unavailable
          30001, // queue overflow
          30008); // unknown error

  private final TwilioProperties twilio;
  private final URI endpoint;
  private final JsonMapper json;
  private final ProviderClient client;

  public TwilioSmsSender(
      TwilioProperties twilio,
      SmsProperties.ProviderProperties resilience,
      JsonMapper json,
      ProviderClient.Sleeper sleeper) {
    if (!twilio.missing().isEmpty()) {
      throw new IllegalArgumentException(
          "sender=twilio needs " + String.join(", ", twilio.missing()));
    }
    this.twilio = twilio;
    this.json = json;
    String base = twilio.baseUrl().toString().replaceAll("/+$", "");
    this.endpoint =
        URI.create(
            base
                + "/2010-04-01/Accounts/"
                + URLEncoder.encode(twilio.accountSid().strip(), StandardCharsets.UTF_8)
                + "/Messages.json");
    this.client = new ProviderClient("twilio", resilience, sleeper);
  }

  @Override
  public String name() {
    return "twilio";
  }

  public CircuitBreaker.State circuitState() {
    return client.circuitState();
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void send(SmsMessage message) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", message.to());
    if (!blank(twilio.messagingServiceSid())) {
      form.put("MessagingServiceSid", twilio.messagingServiceSid().strip());
    } else {
      form.put("From", twilio.from().strip());
    }
    form.put("Body", message.text());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
            .header("Accept", "application/json")
            .header("Authorization", HttpSmsSender.basic(twilio.username(), twilio.password()))
            .POST(HttpRequest.BodyPublishers.ofString(FormBody.of(form)));
    client.send(message, request, this::judge);
  }

  Verdict judge(int status, String body) {
    JsonNode answer = parse(body);
    if (status >= 200 && status < 300) {
      String sid = answer == null ? "?" : answer.path("sid").asString("?");
      String state = answer == null ? "?" : answer.path("status").asString("?");
      return Verdict.sent("HTTP " + status + ", sid " + sid + ", status " + state);
    }
    int code = answer == null ? 0 : answer.path("code").asInt(0);
    String detail = "HTTP " + status + (code == 0 ? "" : ", Twilio error " + code);
    if (status == 429 || RETRY_CODES.contains(code) || status >= 500 || status == 408) {
      return new Verdict(Outcome.RETRY, detail);
    }
    if (status == 401 || status == 403 || code == 20003) {
      return new Verdict(Outcome.GIVE_UP, detail + " (authentication)");
    }
    if (RECIPIENT_CODES.contains(code)) {
      return new Verdict(Outcome.TELL_USER, detail);
    }
    return new Verdict(Outcome.GIVE_UP, detail);
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

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
