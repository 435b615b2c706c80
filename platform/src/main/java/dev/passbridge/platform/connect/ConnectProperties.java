package dev.passbridge.platform.connect;

import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.core.connect.ConnectClients;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.connect.*}: the Connect clients (platforms that keep their own login). Checked
 * when bound: a malformed client id, secret hash or origin, a duplicate client id or a quota below
 * 1 stops the start (the message never contains a hash or secret).
 *
 * @param clients the configured clients; none by default (Connect mode off)
 */
@Validated
@ConfigurationProperties("passbridge.connect")
public record ConnectProperties(List<Client> clients) {

  public ConnectProperties {
    clients = clients == null ? List.of() : List.copyOf(clients);
    registry(clients);
  }

  /**
   * One client, {@code passbridge.connect.clients[i].*}.
   *
   * @param clientId {@code [a-z0-9-]{3,40}}
   * @param secretHashes {@code sha256:<64 hex>}, one, or two during a rotation
   * @param origins exact origins of the client's pages, no path
   * @param tenant user space shared by clients with the same tenant; default the client id
   * @param requestsPerMinute server-API budget per minute across services (default 600)
   */
  public record Client(
      String clientId,
      List<String> secretHashes,
      List<String> origins,
      String tenant,
      @DefaultValue("600") int requestsPerMinute) {}

  /** The registry the services use. */
  public ConnectClients toClients() {
    return registry(clients);
  }

  private static ConnectClients registry(List<Client> clients) {
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
