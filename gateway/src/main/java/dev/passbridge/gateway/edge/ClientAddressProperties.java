package dev.passbridge.gateway.edge;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.gateway.client-address.*}: how the gateway finds the client's IP address (the
 * key of the rate limits, and the {@code X-Forwarded-For} it sends to the services).
 *
 * @param trustedProxyHops how many reverse proxies (load balancers) sit in front of the gateway and
 *     append to {@code X-Forwarded-For}. 0 (default): the gateway is the edge, the TCP peer is the
 *     client and client-sent forwarding headers are ignored and replaced. N: the N-th address from
 *     the right of {@code X-Forwarded-For} (counting the TCP peer) is the client. Never set it
 *     higher than the real number of proxies, or clients can choose their own address.
 */
@Validated
@ConfigurationProperties("passbridge.gateway.client-address")
public record ClientAddressProperties(@DefaultValue("0") @Min(0) @Max(10) int trustedProxyHops) {}
