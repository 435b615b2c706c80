package dev.passbridge.otp.sms;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.otp.sms.vonage.*}: the Vonage SMS API ({@code sender=vonage}). The timeouts,
 * retries and circuit breaker are those of {@code passbridge.otp.sms.provider.*}.
 *
 * @param baseUrl the API's base; {@code /sms/json} is appended
 * @param apiKey the account's API key (sent as the form field {@code api_key})
 * @param apiSecret the API secret (form field {@code api_secret})
 * @param from the sender id or virtual number shown to the user
 */
@Validated
@ConfigurationProperties("passbridge.otp.sms.vonage")
public record VonageProperties(
    @DefaultValue("https://rest.nexmo.com") @NotNull URI baseUrl,
    String apiKey,
    String apiSecret,
    @DefaultValue("Passbridge") String from) {

  /** What is missing for {@code sender=vonage}, as property names; empty when complete. */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (TwilioProperties.blank(apiKey)) {
      missing.add("passbridge.otp.sms.vonage.api-key");
    }
    if (TwilioProperties.blank(apiSecret)) {
      missing.add("passbridge.otp.sms.vonage.api-secret");
    }
    if (TwilioProperties.blank(from)) {
      missing.add("passbridge.otp.sms.vonage.from");
    }
    return missing;
  }

  /** No secret in logs or actuator output. */
  @Override
  public String toString() {
    return "VonageProperties[baseUrl="
        + baseUrl
        + ", apiKey="
        + apiKey
        + ", apiSecret="
        + (TwilioProperties.blank(apiSecret) ? "<unset>" : "<redacted>")
        + ", from="
        + from
        + "]";
  }
}
