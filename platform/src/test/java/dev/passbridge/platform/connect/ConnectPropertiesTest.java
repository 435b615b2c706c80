package dev.passbridge.platform.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.core.connect.ConnectClients;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The binding of {@code passbridge.connect.*} as Spring Boot does it at start-up. */
class ConnectPropertiesTest {
  private static final String HASH = ConnectClients.hash("shop-0123456789abcdef");

  private static ConnectProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("passbridge.connect", ConnectProperties.class);
  }

  private static Map<String, String> shop() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("passbridge.connect.clients[0].client-id", "shop");
    p.put("passbridge.connect.clients[0].secret-hashes[0]", HASH);
    p.put("passbridge.connect.clients[0].origins[0]", "http://localhost:8090");
    return p;
  }

  @Test
  void bindsAClientWithDefaults() {
    ConnectClients clients = bind(shop()).toClients();
    ConnectClient shop = clients.find("shop").orElseThrow();
    assertThat(shop.tenant()).isEqualTo("shop");
    assertThat(shop.requestsPerMinute()).isEqualTo(600);
    assertThat(shop.origins()).containsExactly("http://localhost:8090");
  }

  @Test
  void noClientsIsConnectModeOff() {
    assertThat(bind(Map.of()).toClients().isEmpty()).isTrue();
  }

  @Test
  void anInvalidClientStopsTheBindingWithoutShowingTheHash() {
    Map<String, String> bad = shop();
    bad.put("passbridge.connect.clients[0].origins[0]", "http://localhost:8090/shop");
    assertThatThrownBy(() -> bind(bad))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("not an origin");
    Map<String, String> plain = shop();
    plain.put("passbridge.connect.clients[0].secret-hashes[0]", "shop-local-secret");
    assertThatThrownBy(() -> bind(plain))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("sha256:")
        .hasMessageNotContaining("shop-local-secret");
  }
}
