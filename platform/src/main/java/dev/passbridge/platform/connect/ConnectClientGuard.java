package dev.passbridge.platform.connect;

import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.core.connect.ConnectClients;
import dev.passbridge.platform.web.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The front door of every {@code /connect/v1} server endpoint: authenticates the client from {@code
 * Authorization: Basic} (401 {@code invalid-client}, one answer for a missing header, an unknown id
 * and a wrong secret) and then counts the request against the client's budget (429 {@code
 * quota-exceeded} with {@code Retry-After}). Requests that fail authentication count against
 * nobody's budget.
 */
public class ConnectClientGuard {
  public static final String INVALID_CLIENT = "invalid-client";
  public static final String QUOTA_EXCEEDED = "quota-exceeded";

  /** The {@code WWW-Authenticate} challenge of a 401 {@code invalid-client}. */
  public static final String CHALLENGE = "Basic realm=\"passbridge-connect\", charset=\"UTF-8\"";

  private final ConnectClients clients;
  private final ConnectQuota quota;

  public ConnectClientGuard(ConnectClients clients, ConnectQuota quota) {
    this.clients = clients;
    this.quota = quota;
  }

  /**
   * The authenticated client whose request fits its budget.
   *
   * @throws ProblemException 401 {@code invalid-client} or 429 {@code quota-exceeded}
   */
  public ConnectClient admit(String authorizationHeader) {
    ConnectClient client =
        clients.authenticate(authorizationHeader).orElseThrow(ConnectClientGuard::invalidClient);
    if (quota.consume(client) instanceof ConnectQuota.Decision.Exceeded exceeded) {
      throw new ProblemException(
          HttpStatus.TOO_MANY_REQUESTS,
          QUOTA_EXCEEDED,
          "This client has used its requests for this minute.",
          exceeded.retryAfter());
    }
    return client;
  }

  public ConnectClients clients() {
    return clients;
  }

  public static ProblemException invalidClient() {
    return new ProblemException(
        HttpStatus.UNAUTHORIZED, INVALID_CLIENT, "Client authentication failed.");
  }
}
