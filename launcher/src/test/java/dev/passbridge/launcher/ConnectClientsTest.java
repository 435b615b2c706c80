package dev.passbridge.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.platform.connect.ConnectProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The Connect clients the launcher gives every service while the example shop runs ({@link
 * Launcher#connectClients}): the user's clients are kept, the shop's client comes after them. Each
 * case binds the result the way a service does, on top of the user's sources: the launcher's
 * properties are on the command line, which outranks the system properties and the environment.
 */
class ConnectClientsTest {
  private static final int SHOP_PORT = 18090;

  /** The probe's case: the shop and a second client in the environment; `other` was lost. */
  @Test
  void clientsOfTheEnvironmentAreKeptAndTheirShopIsNotDoubled() {
    var env =
        environment(
            Map.of(
                "PASSBRIDGE_CONNECT_CLIENTS_0_CLIENTID", "shop",
                "PASSBRIDGE_CONNECT_CLIENTS_0_SECRETHASHES_0", hash("shop-local-secret"),
                "PASSBRIDGE_CONNECT_CLIENTS_0_ORIGINS_0", "http://localhost:" + SHOP_PORT,
                "PASSBRIDGE_CONNECT_CLIENTS_1_CLIENTID", "other",
                "PASSBRIDGE_CONNECT_CLIENTS_1_SECRETHASHES_0", hash("other-secret"),
                "PASSBRIDGE_CONNECT_CLIENTS_1_ORIGINS_0", "http://localhost:9999",
                "PASSBRIDGE_CONNECT_CLIENTS_1_REQUESTSPERMINUTE", "50"));
    List<ConnectProperties.Client> clients = bind(List.of(), List.of(env));
    assertThat(clients)
        .extracting(ConnectProperties.Client::clientId)
        .containsExactly("shop", "other");
    assertThat(clients.get(1).origins()).containsExactly("http://localhost:9999");
    assertThat(clients.get(1).requestsPerMinute()).isEqualTo(50);
    assertThat(clients.get(1).secretHashes()).containsExactly(hash("other-secret"));
  }

  @Test
  void theShopComesAfterTheClientsOfTheEnvironment() {
    var env =
        environment(
            Map.of(
                "PASSBRIDGE_CONNECT_CLIENTS_0_CLIENTID", "other",
                "PASSBRIDGE_CONNECT_CLIENTS_0_SECRETHASHES_0", hash("other-secret"),
                "PASSBRIDGE_CONNECT_CLIENTS_0_ORIGINS_0", "http://localhost:9999"));
    List<ConnectProperties.Client> clients = bind(List.of(), List.of(env));
    assertThat(clients)
        .extracting(ConnectProperties.Client::clientId)
        .containsExactly("other", "shop");
    assertThat(clients.get(1).origins()).containsExactly("http://localhost:" + SHOP_PORT);
    assertThat(clients.get(1).secretHashes()).containsExactly(hash("shop-local-secret"));
  }

  /** System properties outrank the environment, for the list as a whole (as Spring Boot binds). */
  @Test
  void systemPropertiesWinOverTheEnvironmentAsAWholeList() {
    var properties =
        new MapPropertySource(
            StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
            Map.of(
                "passbridge.connect.clients[0].client-id", "blog",
                "passbridge.connect.clients[0].secret-hashes[0]", hash("blog-secret"),
                "passbridge.connect.clients[0].origins[0]", "http://localhost:9998"));
    var env =
        environment(
            Map.of(
                "PASSBRIDGE_CONNECT_CLIENTS_0_CLIENTID", "other",
                "PASSBRIDGE_CONNECT_CLIENTS_0_SECRETHASHES_0", hash("other-secret"),
                "PASSBRIDGE_CONNECT_CLIENTS_0_ORIGINS_0", "http://localhost:9999"));
    assertThat(bind(List.of(), List.of(properties, env)))
        .extracting(ConnectProperties.Client::clientId)
        .containsExactly("blog", "shop");
  }

  /** Clients given to the launcher's command line (passed on to every service) stay too. */
  @Test
  void clientsOfTheLaunchersCommandLineAreKept() {
    var args =
        new SimpleCommandLinePropertySource(
            "--passbridge.connect.clients[0].client-id=other",
            "--passbridge.connect.clients[0].secret-hashes[0]=" + hash("other-secret"),
            "--passbridge.connect.clients[0].origins[0]=http://localhost:9999");
    var env =
        environment(
            Map.of(
                "PASSBRIDGE_CONNECT_CLIENTS_0_CLIENTID", "blog",
                "PASSBRIDGE_CONNECT_CLIENTS_0_SECRETHASHES_0", hash("blog-secret"),
                "PASSBRIDGE_CONNECT_CLIENTS_0_ORIGINS_0", "http://localhost:9998"));
    assertThat(bind(List.of(args), List.of(env)))
        .extracting(ConnectProperties.Client::clientId)
        .containsExactly("other", "shop");
  }

  /** Nobody configured a client: the shop's is the whole list (the configuration file's is not). */
  @Test
  void withoutClientsOfTheUserTheShopIsTheOnlyOne() {
    var env = environment(Map.of("PASSBRIDGE_WEB_ALLOWEDORIGINS", "http://localhost:8080"));
    List<ConnectProperties.Client> clients = bind(List.of(), List.of(env));
    assertThat(clients).extracting(ConnectProperties.Client::clientId).containsExactly("shop");
    assertThat(clients.getFirst().requestsPerMinute()).isEqualTo(6000);
    assertThat(Launcher.connectClients(List.of(), List.of(env), SHOP_PORT))
        .containsEntry("passbridge.connect.clients[0].client-id", "shop")
        .containsEntry("passbridge.connect.clients[0].origins[0]", "http://localhost:" + SHOP_PORT);
  }

  /**
   * What a service binds: the launcher's properties and {@code onCommandLine} as one command line,
   * above {@code below}.
   */
  private static List<ConnectProperties.Client> bind(
      List<PropertySource<?>> onCommandLine, List<PropertySource<?>> below) {
    Map<String, Object> commandLine = new LinkedHashMap<>();
    for (PropertySource<?> source : onCommandLine) {
      if (source instanceof SimpleCommandLinePropertySource args) {
        for (String name : args.getPropertyNames()) {
          commandLine.put(name, args.getProperty(name));
        }
      }
    }
    commandLine.putAll(Launcher.connectClients(onCommandLine, below, SHOP_PORT));
    MutablePropertySources sources = new MutablePropertySources();
    sources.addLast(new MapPropertySource("commandLineArgs", commandLine));
    below.forEach(sources::addLast);
    // the configuration file's list (the local profile's shop at 8090), the lowest
    sources.addLast(
        new MapPropertySource(
            "passkey-service-local.yml",
            Map.of(
                "passbridge.connect.clients[0].client-id", "shop",
                "passbridge.connect.clients[0].secret-hashes[0]", hash("shop-local-secret"),
                "passbridge.connect.clients[0].origins[0]", "http://localhost:8090")));
    return new Binder(ConfigurationPropertySources.from(sources))
        .bind("passbridge.connect", ConnectProperties.class)
        .get()
        .clients();
  }

  private static SystemEnvironmentPropertySource environment(Map<String, Object> variables) {
    return new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables);
  }

  private static String hash(String secret) {
    return "sha256:" + Launcher.sha256Hex(secret);
  }
}
