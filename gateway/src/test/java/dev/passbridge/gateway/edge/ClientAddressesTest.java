package dev.passbridge.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
  private static final InetSocketAddress PEER = new InetSocketAddress("10.0.0.5", 40000);

  @Test
  void usesThePeerAndIgnoresClientSentForwardedForWhenNoProxyIsTrusted() {
    assertThat(ClientAddresses.resolve(PEER, List.of("203.0.113.9"), 0)).isEqualTo("10.0.0.5");
  }

  @Test
  void takesTheAddressTheTrustedProxyAppended() {
    // the client forged "1.1.1.1"; the load balancer appended the real client 198.51.100.7
    assertThat(ClientAddresses.resolve(PEER, List.of("1.1.1.1, 198.51.100.7"), 1))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void countsHopsAcrossSeveralHeaderLines() {
    assertThat(ClientAddresses.resolve(PEER, List.of("198.51.100.7", "172.16.0.1"), 2))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void fallsBackToTheLeftmostWhenTheChainIsShorterThanTheHops() {
    assertThat(ClientAddresses.resolve(PEER, List.of("198.51.100.7"), 5)).isEqualTo("198.51.100.7");
  }

  @Test
  void fallsBackToThePeerWhenTheChosenEntryIsNotAnIpLiteral() {
    assertThat(ClientAddresses.resolve(PEER, List.of("evil.example"), 1)).isEqualTo("10.0.0.5");
    assertThat(ClientAddresses.resolve(PEER, List.of("unknown"), 1)).isEqualTo("10.0.0.5");
  }

  @Test
  void normalisesPortsBracketsAndZones() {
    assertThat(ClientAddresses.normalise("198.51.100.7:443")).hasValue("198.51.100.7");
    assertThat(ClientAddresses.normalise("[2001:db8::1]:8443")).hasValue("2001:db8:0:0:0:0:0:1");
    assertThat(ClientAddresses.normalise("fe80::1%eth0")).hasValue("fe80:0:0:0:0:0:0:1");
    assertThat(ClientAddresses.normalise("not-an-ip")).isEmpty();
    assertThat(ClientAddresses.normalise("")).isEmpty();
    assertThat(ClientAddresses.normalise(null)).isEmpty();
  }

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
