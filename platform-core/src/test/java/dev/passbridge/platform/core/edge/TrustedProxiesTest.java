package dev.passbridge.platform.core.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  private final TrustedProxies gateway = TrustedProxies.of(List.of("10.0.0.7", "fd00::/8"));

  @Test
  void matchesAddressesAndCidrBlocksOfBothFamilies() {
    TrustedProxies loopback = TrustedProxies.of(List.of("127.0.0.0/8", "::1"));
    assertThat(loopback.isTrusted("127.0.0.1")).isTrue();
    assertThat(loopback.isTrusted("127.255.0.9")).isTrue();
    assertThat(loopback.isTrusted("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(loopback.isTrusted("128.0.0.1")).isFalse();
    assertThat(loopback.isTrusted("::2")).isFalse();
    assertThat(gateway.isTrusted("10.0.0.7")).isTrue();
    assertThat(gateway.isTrusted("10.0.0.8")).isFalse();
    assertThat(gateway.isTrusted("fd12:3456::1")).isTrue();
    assertThat(gateway.isTrusted("fe80::1")).isFalse();
    assertThat(TrustedProxies.of(List.of("192.168.4.0/22")).isTrusted("192.168.7.255")).isTrue();
    assertThat(TrustedProxies.of(List.of("192.168.4.0/22")).isTrusted("192.168.8.0")).isFalse();
  }

  @Test
  void neverTrustsNamesOrGarbageAndRefusesThemInTheList() {
    assertThat(gateway.isTrusted("localhost")).isFalse();
    assertThat(gateway.isTrusted(null)).isFalse();
    assertThat(gateway.isTrusted("10.0.0.7.evil")).isFalse();
    assertThatThrownBy(() -> TrustedProxies.of(List.of("gateway.internal")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TrustedProxies.none().isTrusted("127.0.0.1")).isFalse();
  }

  @Test
  void anUntrustedPeerIsTheClientWhateverItForwards() {
    assertThat(gateway.clientAddress("203.0.113.9", List.of("198.51.100.1")))
        .isEqualTo("203.0.113.9");
    assertThat(TrustedProxies.none().clientAddress("127.0.0.1", List.of("198.51.100.1")))
        .isEqualTo("127.0.0.1");
  }

  @Test
  void aTrustedPeerNamesTheClientAsTheRightmostUntrustedHop() {
    assertThat(gateway.clientAddress("10.0.0.7", List.of("198.51.100.1")))
        .isEqualTo("198.51.100.1");
    // a client-written entry to the left of the real one does not count
    assertThat(gateway.clientAddress("10.0.0.7", List.of("1.2.3.4, 198.51.100.1")))
        .isEqualTo("198.51.100.1");
    assertThat(gateway.clientAddress("10.0.0.7", List.of("1.2.3.4", "198.51.100.1, fd00::5")))
        .isEqualTo("198.51.100.1");
    assertThat(gateway.clientAddress("10.0.0.7", List.of())).isEqualTo("10.0.0.7");
    // garbage ends the walk at the last trusted hop
    assertThat(gateway.clientAddress("10.0.0.7", List.of("1.2.3.4, not-an-ip")))
        .isEqualTo("10.0.0.7");
  }

  @Test
  void theForwardedSchemeCountsOnlyFromATrustedPeer() {
    assertThat(gateway.scheme("203.0.113.9", "http", List.of("https"))).isEqualTo("http");
    assertThat(gateway.scheme("10.0.0.7", "http", List.of("https"))).isEqualTo("https");
    assertThat(gateway.scheme("10.0.0.7", "http", List.of("gopher"))).isEqualTo("http");
    assertThat(gateway.scheme("10.0.0.7", "http", List.of())).isEqualTo("http");
  }

  // the gateway's model: N load balancers in front of it, whatever their addresses

  @Test
  void withoutTrustedHopsThePeerIsTheClient() {
    assertThat(TrustedProxies.of(List.of(), 0).clientAddress("10.0.0.5", List.of("203.0.113.9")))
        .isEqualTo("10.0.0.5");
  }

  @Test
  void takesTheAddressTheTrustedHopAppended() {
    // the client forged "1.1.1.1"; the load balancer appended the real client 198.51.100.7
    assertThat(
            TrustedProxies.of(List.of(), 1)
                .clientAddress("10.0.0.5", List.of("1.1.1.1, 198.51.100.7")))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void countsHopsAcrossSeveralHeaderLines() {
    assertThat(
            TrustedProxies.of(List.of(), 2)
                .clientAddress("10.0.0.5", List.of("198.51.100.7", "172.16.0.1")))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void fallsBackToTheLeftmostWhenTheChainIsShorterThanTheHops() {
    assertThat(TrustedProxies.of(List.of(), 5).clientAddress("10.0.0.5", List.of("198.51.100.7")))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void fallsBackToThePeerWhenTheHopIsNotAnIpLiteral() {
    TrustedProxies oneHop = TrustedProxies.of(List.of(), 1);
    assertThat(oneHop.clientAddress("10.0.0.5", List.of("evil.example"))).isEqualTo("10.0.0.5");
    assertThat(oneHop.clientAddress("10.0.0.5", List.of("unknown"))).isEqualTo("10.0.0.5");
  }

  @Test
  void hopsAndAddressesCombine() {
    // one load balancer in front, then a listed internal proxy
    TrustedProxies both = TrustedProxies.of(List.of("172.16.0.0/12"), 1);
    assertThat(both.clientAddress("10.0.0.5", List.of("198.51.100.7, 172.16.0.9")))
        .isEqualTo("198.51.100.7");
    assertThat(both.trustsPeer("203.0.113.1")).isTrue();
    assertThat(TrustedProxies.none().trustsPeer("203.0.113.1")).isFalse();
    assertThatThrownBy(() -> TrustedProxies.of(List.of(), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void forwardedValuesCountOnlyFromATrustedPeer() {
    TrustedProxies oneHop = TrustedProxies.of(List.of(), 1);
    assertThat(oneHop.forwarded("10.0.0.5", List.of("a.example, b.example"), "gw"))
        .isEqualTo("b.example");
    assertThat(TrustedProxies.none().forwarded("10.0.0.5", List.of("b.example"), "gw"))
        .isEqualTo("gw");
    assertThat(oneHop.scheme("10.0.0.5", "http", List.of("https"))).isEqualTo("https");
  }

  @Test
  void normalisesPortsBracketsAndZones() {
    assertThat(TrustedProxies.normalise("198.51.100.7:443")).hasValue("198.51.100.7");
    assertThat(TrustedProxies.normalise("[2001:db8::1]:8443")).hasValue("2001:db8:0:0:0:0:0:1");
    assertThat(TrustedProxies.normalise("fe80::1%eth0")).hasValue("fe80:0:0:0:0:0:0:1");
    assertThat(TrustedProxies.normalise("not-an-ip")).isEmpty();
    assertThat(TrustedProxies.normalise("")).isEmpty();
    assertThat(TrustedProxies.normalise(null)).isEmpty();
  }
}
