package dev.passbridge.platform.web;

import dev.passbridge.platform.core.edge.BrowserOrigins;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.web.*}: the edge rules every service applies too (defence in depth behind the
 * gateway).
 *
 * @param allowedOrigins origins allowed on state-changing requests (CSRF defence,
 *     docs/architecture.md §4)
 * @param originCheck turn the Origin check off only for service-to-service test set-ups
 * @param maxRequestSize larger request bodies are refused with 413
 * @param trustedProxies IP addresses or CIDR blocks of the reverse proxies (the gateway) whose
 *     {@code X-Forwarded-For} / {@code X-Forwarded-Proto} are believed; from any other peer those
 *     headers are ignored. Empty (default): nobody, every request is answered from its TCP peer
 * @param handlerOriginCheckPaths path prefixes under which the service's handlers check the {@code
 *     Origin} themselves, because the allowed origins depend on the caller (passkey-service: {@code
 *     /api/passkeys/}, where a connect client's pages call with a connect token or for a passkey
 *     login of theirs); the filter checks there only that a state-changing request names exactly
 *     one Origin. Empty by default
 */
@Validated
@ConfigurationProperties("passbridge.web")
public record PassbridgeWebProperties(
    @DefaultValue("http://localhost:8080") List<String> allowedOrigins,
    @DefaultValue("true") boolean originCheck,
    @DefaultValue("64KB") DataSize maxRequestSize,
    List<String> trustedProxies,
    List<String> handlerOriginCheckPaths) {

  /**
   * The largest body limit accepted: a streamed body is read into memory up to the limit before its
   * handler runs ({@link EdgeRulesFilter}), so the limit is memory per request.
   */
  public static final DataSize MAX_REQUEST_SIZE_CEILING = DataSize.ofMegabytes(16);

  @ConstructorBinding
  public PassbridgeWebProperties {
    if (maxRequestSize != null
        && (maxRequestSize.toBytes() < 1
            || maxRequestSize.toBytes() > MAX_REQUEST_SIZE_CEILING.toBytes())) {
      throw new IllegalArgumentException(
          "passbridge.web.max-request-size must be between 1B and "
              + MAX_REQUEST_SIZE_CEILING.toMegabytes()
              + "MB, not "
              + maxRequestSize);
    }
    // as a browser writes them, or the start stops: an exact match never equals another spelling
    allowedOrigins = BrowserOrigins.require("passbridge.web.allowed-origins", allowedOrigins);
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    handlerOriginCheckPaths =
        handlerOriginCheckPaths == null ? List.of() : List.copyOf(handlerOriginCheckPaths);
  }

  public PassbridgeWebProperties(
      List<String> allowedOrigins,
      boolean originCheck,
      DataSize maxRequestSize,
      List<String> trustedProxies) {
    this(allowedOrigins, originCheck, maxRequestSize, trustedProxies, List.of());
  }
}
