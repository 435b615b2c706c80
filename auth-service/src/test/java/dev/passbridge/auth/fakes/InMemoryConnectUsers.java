package dev.passbridge.auth.fakes;

import dev.passbridge.auth.connect.ConnectUser;
import dev.passbridge.auth.connect.ConnectUsers;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Test double of the {@code connect_user} mapping (unit tests only; ITs use PostgreSQL). */
public class InMemoryConnectUsers implements ConnectUsers {
  private final Map<String, ConnectUser> users = new HashMap<>();

  /** Set to make {@link #delete} fail, as a database that went away would. */
  public RuntimeException deleteFailure;

  /** Run (once) before the next insert: what another request does meanwhile. */
  public Runnable beforeInsert;

  @Override
  public synchronized Optional<ConnectUser> find(String tenant, String externalUserId) {
    return Optional.ofNullable(users.get(tenant + "/" + externalUserId));
  }

  @Override
  public synchronized ConnectUser insertIfAbsent(ConnectUser candidate) {
    if (beforeInsert != null) {
      Runnable meanwhile = beforeInsert;
      beforeInsert = null;
      meanwhile.run();
    }
    return users.computeIfAbsent(
        candidate.tenant() + "/" + candidate.externalUserId(), k -> candidate);
  }

  @Override
  public synchronized boolean delete(ConnectUser user) {
    if (deleteFailure != null) {
      throw deleteFailure;
    }
    return users.remove(user.tenant() + "/" + user.externalUserId(), user);
  }
}
