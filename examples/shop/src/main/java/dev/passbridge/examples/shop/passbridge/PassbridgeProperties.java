package dev.passbridge.examples.shop.passbridge;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the shop reaches Passbridge ({@code shop.passbridge.*}).
 *
 * @param url Passbridge's base URL as the shop's backend reaches it (the gateway)
 * @param browserUrl Passbridge's base URL as the customer's browser reaches it (the SDK's {@code
 *     api} attribute and the CSP); defaults to {@code url}
 * @param clientId the shop's Connect client id
 * @param clientSecret the shop's Connect client secret; required, and outside the local profile
 *     never the demo secret (checked at start by {@link PassbridgeConfiguration}); never logged
 * @param connectTimeout how long to wait for a connection to Passbridge
 * @param readTimeout how long to wait for an answer
 */
@Validated
@ConfigurationProperties("shop.passbridge")
public record PassbridgeProperties(
    @NotNull URI url,
    URI browserUrl,
    @NotBlank @Pattern(regexp = "[a-z0-9-]{3,40}") String clientId,
    @NotBlank String clientSecret,
    @DefaultValue("2s") Duration connectTimeout,
    @DefaultValue("5s") Duration readTimeout) {

  /** Passbridge's origin for the browser, without a trailing slash. */
  public String browserOrigin() {
    String s = (browserUrl != null ? browserUrl : url).toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public String toString() {
    return "PassbridgeProperties[url=" + url + ", clientId=" + clientId + ", clientSecret=***]";
  }
}
