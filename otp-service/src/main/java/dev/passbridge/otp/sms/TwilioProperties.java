package dev.passbridge.otp.sms;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.otp.sms.twilio.*}: Twilio Programmable Messaging ({@code sender=twilio}). The
 * timeouts, retries and circuit breaker are those of {@code passbridge.otp.sms.provider.*}.
 *
 * @param baseUrl the API's base; {@code /2010-04-01/Accounts/{accountSid}/Messages.json} is
 *     appended
 * @param accountSid the account ({@code AC…}), part of the path
 * @param authToken the account's auth token (Basic {@code accountSid:authToken}); or use an API key
 * @param apiKeySid an API key ({@code SK…}); with {@code apiKeySecret} it replaces the auth token
 * @param apiKeySecret the API key's secret
 * @param from the sender: a Twilio number in E.164 or an alphanumeric sender id
 * @param messagingServiceSid a Messaging Service ({@code MG…}) that picks the sender; used instead
 *     of {@code from} when set
 */
@Validated
@ConfigurationProperties("passbridge.otp.sms.twilio")
public record TwilioProperties(
    @DefaultValue("https://api.twilio.com") @NotNull URI baseUrl,
    String accountSid,
    String authToken,
    String apiKeySid,
    String apiKeySecret,
    String from,
    String messagingServiceSid) {

  /** What is missing for {@code sender=twilio}, as property names; empty when complete. */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (blank(accountSid)) {
      missing.add("passbridge.otp.sms.twilio.account-sid");
    }
    boolean apiKey = !blank(apiKeySid) || !blank(apiKeySecret);
    if (apiKey) {
      if (blank(apiKeySid)) {
        missing.add("passbridge.otp.sms.twilio.api-key-sid");
      }
      if (blank(apiKeySecret)) {
        missing.add("passbridge.otp.sms.twilio.api-key-secret");
      }
    } else if (blank(authToken)) {
      missing.add("passbridge.otp.sms.twilio.auth-token (or api-key-sid and api-key-secret)");
    }
    if (blank(from) && blank(messagingServiceSid)) {
      missing.add("passbridge.otp.sms.twilio.from (or messaging-service-sid)");
    }
    return missing;
  }

  /** The Basic-auth user: the API key when one is set, otherwise the account. */
  public String username() {
    return blank(apiKeySid) ? accountSid : apiKeySid;
  }

  /** The Basic-auth password that goes with {@link #username()}. */
  public String password() {
    return blank(apiKeySid) ? authToken : apiKeySecret;
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** No secrets in logs or actuator output. */
  @Override
  public String toString() {
    return "TwilioProperties[baseUrl="
        + baseUrl
        + ", accountSid="
        + accountSid
        + ", authToken="
        + (blank(authToken) ? "<unset>" : "<redacted>")
        + ", apiKeySid="
        + apiKeySid
        + ", apiKeySecret="
        + (blank(apiKeySecret) ? "<unset>" : "<redacted>")
        + ", from="
        + from
        + ", messagingServiceSid="
        + messagingServiceSid
        + "]";
  }
}
