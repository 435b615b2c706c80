package dev.passbridge.passkey.ceremony;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: where ceremonies, login challenges and upgrade decisions live between two requests (any
 * instance may answer the next one). Ceremonies are single use: a take returns a ceremony at most
 * once, whichever instance asks. Registration ceremonies are keyed by their owner too, so another
 * user's session cannot even consume one. The Redis adapter is {@code internal.RedisCeremonyStore}.
 */
public interface CeremonyStore {

  /**
   * Stores an upgrade's ceremony and the decision that offers it in one step, if the login has no
   * decision yet. A redelivered or repeated event changes nothing and leaves no ceremony behind,
   * and no instance ever reads the decision without its ceremony.
   *
   * @return whether both were stored (false: the login already had a decision)
   */
  boolean prepareUpgrade(RegistrationCeremony ceremony, UpgradeDecision decision, Duration ttl);

  /** Reads and deletes in one step: a second call for the same ceremony finds nothing. */
  Optional<RegistrationCeremony> takeRegistration(UUID userId, String ceremonyId);

  void saveLogin(LoginCeremony ceremony, Duration ttl);

  /** Reads and deletes in one step, like {@link #takeRegistration}. */
  Optional<LoginCeremony> takeLogin(String ceremonyId);

  /**
   * Stores the first decision for a login; a redelivered or repeated event changes nothing.
   *
   * @return whether this decision was stored (false: the login already had one)
   */
  boolean decideIfAbsent(UpgradeDecision decision, Duration ttl);

  /** Replaces a decision once its ceremony is finished, so a reload does not offer it again. */
  void replaceDecision(UpgradeDecision decision, Duration ttl);

  Optional<UpgradeDecision> decision(String loginId);
}
