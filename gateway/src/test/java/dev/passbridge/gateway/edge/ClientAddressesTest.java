package dev.passbridge.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {
  // who the client is: platform-core's TrustedProxiesTest (hop counts and listed proxies)

  @Test
  void countsIpv6ClientsPerSlash64() {
    assertThat(ClientAddresses.rateLimitKey("2001:db8:1:2:aaaa::1"))
        .isEqualTo(ClientAddresses.rateLimitKey("2001:db8:1:2:bbbb::2"))
        .isEqualTo("2001:db8:1:2::/64");
    assertThat(ClientAddresses.rateLimitKey("2001:db8:1:3::1"))
        .isNotEqualTo(ClientAddresses.rateLimitKey("2001:db8:1:2::1"));
  }

  @Test
  void countsIpv4ClientsPerAddress() {
    assertThat(ClientAddresses.rateLimitKey("198.51.100.7")).isEqualTo("198.51.100.7");
    assertThat(ClientAddresses.rateLimitKey("garbage")).isEqualTo("unknown");
  }
}
