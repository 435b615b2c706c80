package dev.passbridge.passkey.connect;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code passbridge.connect.clients[i].*}: the configured connect clients (connect.md, "Connect
 * clients"), turned into platform-core's {@code ConnectClients} at start (which refuses an invalid
 * one).
 */
@ConfigurationProperties("passbridge.connect")
public record ConnectClientsProperties(@DefaultValue List<Client> clients) {

  public record Client(
      String clientId,
      List<String> secretHashes,
      List<String> origins,
      String tenant,
      @DefaultValue("600") int requestsPerMinute) {}
}
