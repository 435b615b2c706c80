package dev.passbridge.gateway.connect;

import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.core.connect.ConnectClients;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.connect.*} at the gateway: the same client list the services read (connect.md,
 * "Connect clients"; the gateway uses the origins only, but the list is checked as a whole, so an
 * invalid client stops the gateway too), and where passkey-service publishes its login-result keys.
 *
 * @param clients the connect clients; none by default (Connect mode off: no CORS, no extra origins)
 * @param loginResultJwksUri passkey-service's key set, merged into the public {@code
 *     /.well-known/jwks.json}; {@code lb://} goes through the load balancer like the routes
 */
@Validated
@ConfigurationProperties("passbridge.connect")
public record ConnectProperties(
    List<Client> clients,
    @DefaultValue("lb://passkey-service/.well-known/jwks.json") @NotNull URI loginResultJwksUri) {

  public ConnectProperties {
    clients = clients == null ? List.of() : List.copyOf(clients);
  }

  /** One client, {@code passbridge.connect.clients[i].*}. */
  public record Client(
      String clientId,
      List<String> secretHashes,
      List<String> origins,
      String tenant,
      @DefaultValue("600") int requestsPerMinute) {}

  public ConnectClients toClients() {
    return new ConnectClients(
        clients.stream()
            .map(
                c ->
                    new ConnectClient(
                        c.clientId(),
                        c.secretHashes(),
                        c.origins(),
                        c.tenant(),
                        c.requestsPerMinute()))
            .toList());
  }
}
