package dev.passbridge.otp.sms;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.otp.sms.*}: how codes leave the service.
 *
 * @param sender {@code http} (our own SMS gateway, {@link ProviderProperties}), {@code twilio}
 *     ({@link TwilioProperties}), {@code vonage} ({@link VonageProperties}) or {@code outbox}
 *     (local profile: kept in Redis and shown at {@code GET /api/dev/sms})
 * @param text message template; {@code {code}} and {@code {minutes}} are replaced
 * @param webOtpHost when set, a last line {@code @host #code} lets the browser's WebOTP API fill
 *     the code in (the host must be the web app's)
 * @param outboxTtl how long the dev outbox keeps a message
 * @param provider the HTTP gateway (its {@code url}, credentials and {@code from} are used when
 *     {@code sender=http}); its timeouts, retries and circuit breaker apply to every HTTP sender
 */
@Validated
@ConfigurationProperties("passbridge.otp.sms")
public record SmsProperties(
    @DefaultValue("http") @NotNull Sender sender,
    @DefaultValue(
            "Your Passbridge code is {code}. It expires in {minutes} minutes. Never share it.")
        @NotBlank
        String text,
    String webOtpHost,
    @DefaultValue("15m") @NotNull Duration outboxTtl,
    @DefaultValue @Valid @NotNull ProviderProperties provider) {

  public SmsProperties {
    if (sender == Sender.HTTP && provider != null && provider.url() == null) {
      throw new IllegalArgumentException(
          "passbridge.otp.sms.provider.url is required when passbridge.otp.sms.sender=http");
    }
    if (text != null && !text.contains("{code}")) {
      throw new IllegalArgumentException("passbridge.otp.sms.text must contain {code}");
    }
  }

  public enum Sender {
    HTTP,
    TWILIO,
    VONAGE,
    OUTBOX
  }

  /**
   * {@code passbridge.otp.sms.provider.*}: the HTTP SMS provider. It receives {@code POST <url>}
   * with JSON {@code {to, from, text, reference}}, HTTP Basic credentials and an {@code
   * Idempotency-Key} header that stays the same across retries of one message.
   *
   * @param url the provider's send endpoint
   * @param username Basic-auth user (account id); optional
   * @param password Basic-auth password (API token); optional
   * @param from sender id or number shown to the user
   * @param connectTimeout TCP connect timeout
   * @param readTimeout time to wait for the answer of one attempt
   * @param maxAttempts attempts per message (first try included) on timeouts, 5xx, 408 and 429
   * @param initialBackoff wait before the second attempt; doubles per attempt
   * @param maxBackoff longest wait between attempts
   * @param circuitFailureRate failure percentage (per attempt) that opens the circuit
   * @param circuitWindow attempts the failure rate is computed over
   * @param circuitMinimumCalls attempts needed before the rate counts
   * @param circuitOpenDuration how long an open circuit refuses calls before it probes again
   * @param circuitHalfOpenCalls probe calls in the half-open state
   */
  public record ProviderProperties(
      URI url,
      String username,
      String password,
      @DefaultValue("Passbridge") @NotBlank String from,
      @DefaultValue("2s") @NotNull Duration connectTimeout,
      @DefaultValue("3s") @NotNull Duration readTimeout,
      @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
      @DefaultValue("200ms") @NotNull Duration initialBackoff,
      @DefaultValue("2s") @NotNull Duration maxBackoff,
      @DefaultValue("50") @DecimalMin("1") @DecimalMax("100") float circuitFailureRate,
      @DefaultValue("20") @Min(1) int circuitWindow,
      @DefaultValue("10") @Min(1) int circuitMinimumCalls,
      @DefaultValue("30s") @NotNull Duration circuitOpenDuration,
      @DefaultValue("2") @Min(1) int circuitHalfOpenCalls) {

    /** No secrets in logs or actuator output. */
    @Override
    public String toString() {
      return "ProviderProperties[url=" + url + ", username=" + username + ", from=" + from + "]";
    }
  }
}
