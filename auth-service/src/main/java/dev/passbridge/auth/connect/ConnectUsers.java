package dev.passbridge.auth.connect;

import java.util.Optional;

/** The (tenant, external user id) → internal user mapping, table {@code connect_user}. */
public interface ConnectUsers {

  Optional<ConnectUser> find(String tenant, String externalUserId);

  /**
   * Stores the mapping unless one exists for (tenant, external user id) already; returns whichever
   * is stored. Safe when instances see the same user for the first time at once: exactly one
   * mapping wins, every caller gets it.
   */
  ConnectUser insertIfAbsent(ConnectUser candidate);

  /**
   * Removes this mapping (an erasure); false when it is gone already or (tenant, external user id)
   * maps to another user by now. A later first sight of the same external id makes a new user.
   */
  boolean delete(ConnectUser user);
}
