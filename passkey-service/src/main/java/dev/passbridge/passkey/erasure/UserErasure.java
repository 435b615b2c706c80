package dev.passbridge.passkey.erasure;

import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.passkey.credentials.CredentialStore;
import dev.passbridge.passkey.credentials.PasskeyCredentials;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a user on {@code UserErased}: their passkeys go and their tombstone is recorded in one
 * transaction, without any {@code PasskeyDeleted} ({@link PasskeyCredentials#erase}). Idempotent: a
 * redelivered event deletes nothing more and keeps the first tombstone. The log names the user id
 * and counts only (never a platform's {@code externalUserId}, which may be an e-mail address).
 */
public class UserErasure {
  private static final Logger log = LoggerFactory.getLogger(UserErasure.class);

  private final PasskeyCredentials credentials;
  private final Duration tombstoneRetention;

  public UserErasure(PasskeyCredentials credentials, Duration tombstoneRetention) {
    this.credentials = credentials;
    this.tombstoneRetention = tombstoneRetention;
  }

  public void onErased(UserErased event) {
    CredentialStore.Erasure erasure = credentials.erase(event.userId(), tombstoneRetention);
    if (erasure.alreadyErased()) {
      log.info(
          "user {} was erased already: {} passkeys deleted now, {} old tombstones removed",
          event.userId(),
          erasure.passkeysDeleted(),
          erasure.tombstonesPurged());
    } else {
      log.info(
          "user {} erased: {} passkeys deleted, {} old tombstones removed",
          event.userId(),
          erasure.passkeysDeleted(),
          erasure.tombstonesPurged());
    }
  }
}
