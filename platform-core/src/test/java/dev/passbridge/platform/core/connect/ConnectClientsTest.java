package dev.passbridge.platform.core.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectClientsTest {
  private static final String SHOP_SECRET = "shop-secret-0123456789abcdef";
  private static final String NEW_SECRET = "shop-secret-rotated-fedcba987654";

  private final ConnectClient shop =
      new ConnectClient(
          "shop",
          List.of(ConnectClients.hash(SHOP_SECRET)),
          List.of("http://localhost:8090", "https://shop.example"),
          null,
          600);
  private final ConnectClient outlet =
      new ConnectClient(
          "outlet",
          List.of(ConnectClients.hash("outlet-secret-xyz")),
          List.of("https://outlet.example"),
          "shop",
          60);
  private final ConnectClients clients = new ConnectClients(List.of(shop, outlet));

  private static String basic(String user, String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void hashIsTheSha256OfTheSecretInHex() {
    // SHA-256("abc"), FIPS 180-2 test vector
    assertThat(ConnectClients.hash("abc"))
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void authenticatesTheRightSecret() {
    assertThat(clients.authenticate(basic("shop", SHOP_SECRET))).contains(shop);
    assertThat(clients.authenticate("basic " + basic("shop", SHOP_SECRET).substring(6)))
        .contains(shop);
  }

  @Test
  void wrongSecretAndUnknownIdAreTheSameEmptyAnswer() {
    assertThat(clients.authenticate(basic("shop", "wrong"))).isEmpty();
    assertThat(clients.authenticate(basic("nobody", SHOP_SECRET))).isEmpty();
    assertThat(clients.authenticate(basic("outlet", SHOP_SECRET))).isEmpty();
  }

  @Test
  void refusesMissingOrMalformedHeaders() {
    assertThat(clients.authenticate(null)).isEmpty();
    assertThat(clients.authenticate("")).isEmpty();
    assertThat(clients.authenticate("Bearer abc")).isEmpty();
    assertThat(clients.authenticate("Basic !!!not-base64")).isEmpty();
    assertThat(
            clients.authenticate("Basic " + Base64.getEncoder().encodeToString("shop".getBytes())))
        .isEmpty();
    assertThat(clients.authenticate(basic("shop", ""))).isEmpty();
    assertThat(clients.authenticate(basic("", SHOP_SECRET))).isEmpty();
  }

  @Test
  void acceptsBothSecretsDuringARotation() {
    ConnectClient rotating =
        new ConnectClient(
            "shop",
            List.of(ConnectClients.hash(SHOP_SECRET), ConnectClients.hash(NEW_SECRET)),
            List.of("http://localhost:8090"),
            null,
            600);
    ConnectClients registry = new ConnectClients(List.of(rotating));
    assertThat(registry.authenticate(basic("shop", SHOP_SECRET))).contains(rotating);
    assertThat(registry.authenticate(basic("shop", NEW_SECRET))).contains(rotating);
    assertThat(registry.authenticate(basic("shop", "third"))).isEmpty();
    ConnectClients afterRotation =
        new ConnectClients(
            List.of(
                new ConnectClient(
                    "shop",
                    List.of(ConnectClients.hash(NEW_SECRET)),
                    List.of("http://localhost:8090"),
                    null,
                    600)));
    assertThat(afterRotation.authenticate(basic("shop", SHOP_SECRET))).isEmpty();
    assertThat(afterRotation.authenticate(basic("shop", NEW_SECRET))).isPresent();
  }

  @Test
  void matchesOriginsExactly() {
    assertThat(clients.originAllowed(shop, "http://localhost:8090")).isTrue();
    assertThat(clients.originAllowed(shop, "https://shop.example")).isTrue();
    assertThat(clients.originAllowed(shop, "http://localhost:8091")).isFalse();
    assertThat(clients.originAllowed(shop, "http://shop.example")).isFalse();
    assertThat(clients.originAllowed(shop, "https://shop.example/")).isFalse();
    assertThat(clients.originAllowed(shop, "https://evil.shop.example")).isFalse();
    assertThat(clients.originAllowed(shop, "https://outlet.example")).isFalse();
    assertThat(clients.originAllowed(shop, null)).isFalse();
    assertThat(clients.allOrigins())
        .containsExactlyInAnyOrder(
            "http://localhost:8090", "https://shop.example", "https://outlet.example");
  }

  @Test
  void tenantDefaultsToTheClientId() {
    assertThat(shop.tenant()).isEqualTo("shop");
    assertThat(outlet.tenant()).isEqualTo("shop");
    assertThat(clients.find("outlet")).contains(outlet);
    assertThat(clients.find("nobody")).isEmpty();
    assertThat(clients.find(null)).isEmpty();
  }

  @Test
  void refusesConfigurationThatCouldNeverWork() {
    List<String> hash = List.of(ConnectClients.hash("s"));
    List<String> origins = List.of("http://localhost:8090");
    assertThatThrownBy(() -> new ConnectClient("Shop!", hash, origins, null, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConnectClient("shop", List.of(), origins, null, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new ConnectClient(
                    "shop",
                    List.of(hash.getFirst(), hash.getFirst(), hash.getFirst()),
                    origins,
                    null,
                    10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConnectClient("shop", List.of("shop-secret"), origins, null, 10))
        .hasMessageNotContaining("shop-secret");
    assertThatThrownBy(
            () -> new ConnectClient("shop", hash, List.of("http://localhost:8090/"), null, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new ConnectClient("shop", hash, List.of("https://a.example/login"), null, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConnectClient("shop", hash, List.of("localhost:8090"), null, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConnectClient("shop", hash, origins, null, 0))
        .isInstanceOf(IllegalArgumentException.class);
    // a browser leaves the default port out and writes no leading zeros: these never match
    for (String neverSent :
        List.of(
            "https://shop.example:443",
            "http://shop.example:80",
            "https://shop.example:",
            "http://localhost:08090")) {
      assertThatThrownBy(() -> new ConnectClient("shop", hash, List.of(neverSent), null, 10))
          .as(neverSent)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not an origin");
    }
    for (String sent :
        List.of("https://shop.example", "https://shop.example:8443", "http://shop.example:443")) {
      assertThat(new ConnectClient("shop", hash, List.of(sent), null, 10).origins())
          .containsExactly(sent);
    }
    ConnectClient one = new ConnectClient("shop", hash, origins, null, 10);
    assertThatThrownBy(() -> new ConnectClients(List.of(one, one)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringShowsNoHash() {
    assertThat(shop.toString()).doesNotContain(shop.secretHashes().getFirst()).contains("shop");
  }

  @Test
  void hashesInUpperCaseAreAccepted() {
    String upper = ConnectClients.hash(SHOP_SECRET).toUpperCase(java.util.Locale.ROOT);
    ConnectClient client =
        new ConnectClient("shop", List.of(upper), List.of("http://localhost:8090"), null, 1);
    assertThat(new ConnectClients(List.of(client)).authenticate(basic("shop", SHOP_SECRET)))
        .isPresent();
  }
}
