package dev.passbridge.gateway.edge;

import dev.passbridge.platform.core.edge.TrustedProxies;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.gateway.client-address.*}: how the gateway finds the client's IP address (the
 * key of the rate limits, and the {@code X-Forwarded-For} it sends to the services), by the same
 * trusted-proxy rule the services use ({@link TrustedProxies}).
 *
 * @param trustedProxyHops how many reverse proxies (load balancers) sit in front of the gateway and
 *     append to {@code X-Forwarded-For}. 0 (default): the gateway is the edge, the TCP peer is the
 *     client and client-sent forwarding headers are ignored and replaced. N: the N-th address from
 *     the right of {@code X-Forwarded-For} (counting the TCP peer) is the client. Never set it
 *     higher than the real number of proxies, or clients can choose their own address.
 * @param trustedProxies further proxies trusted by address (IP literals or CIDR blocks), as the
 *     services' {@code passbridge.web.trusted-proxies}; empty (default): none
 */
@Validated
@ConfigurationProperties("passbridge.gateway.client-address")
public record ClientAddressProperties(
    @DefaultValue("0") @Min(0) @Max(10) int trustedProxyHops, List<String> trustedProxies) {

  public ClientAddressProperties {
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
  }

  /** The core rule these settings describe (an entry that is no IP literal or CIDR block fails). */
  public TrustedProxies rule() {
    return TrustedProxies.of(trustedProxies, trustedProxyHops);
  }
}
