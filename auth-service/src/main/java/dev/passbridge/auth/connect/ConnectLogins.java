package dev.passbridge.auth.connect;

import dev.passbridge.auth.login.device.PlatformResolver;
import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.SecondFactor;
import dev.passbridge.contracts.ids.LoginId;
import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.core.connect.ConnectScope;
import dev.passbridge.platform.core.connect.ConnectToken;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Connect server API's logic: a reported login becomes a mapped user, a {@code
 * PasswordAuthenticated} event ({@code source CONNECT}, acknowledged by the broker before the
 * answer) and an {@code append} token for that login; a manage request becomes a {@code manage}
 * token. Tokens live {@link #TOKEN_LIFETIME}.
 *
 * <p>Unknown users: a manage token is issued for the mapping, created on first sight like a
 * reported login does (the user simply has no passkeys yet), so a platform needs no special case
 * for users who never reported a login.
 */
public final class ConnectLogins {
  private static final Logger log = LoggerFactory.getLogger(ConnectLogins.class);
  public static final Duration TOKEN_LIFETIME = ConnectToken.MAX_LIFETIME;

  private final ConnectUsers users;
  private final ConnectTokenSigner signer;
  private final ConnectEvents events;
  private final PlatformResolver platforms;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ConnectLogins(
      ConnectUsers users,
      ConnectTokenSigner signer,
      ConnectEvents events,
      PlatformResolver platforms,
      Clock clock) {
    this.users = users;
    this.signer = signer;
    this.events = events;
    this.platforms = platforms;
    this.clock = clock;
  }

  /** What the platform's backend gets back. */
  public record Issued(String loginId, String connectToken, Duration expiresIn) {}

  public Issued reportLogin(ConnectClient client, ReportedLogin login) {
    // the event's time as it is (a whole second would put it before the platform's verifiedAt);
    // the token's iat and exp in whole seconds, as JWT numeric dates are
    Instant occurredAt = clock.instant();
    Instant now = Instant.ofEpochSecond(occurredAt.getEpochSecond());
    ConnectUser user = user(client, login.externalUserId(), now);
    String loginId = LoginId.random().value();
    Platform platform = platforms.resolve(login.client().userAgent(), login.client().hints());
    SecondFactor secondFactor =
        login.hasSecondFactor()
            ? SecondFactor.verifiedByPlatform(
                login.secondFactorChannel(), login.secondFactorVerifiedAt())
            : null;
    events.passwordAuthenticated(
        new PasswordAuthenticated(
            UUID.randomUUID(),
            occurredAt,
            user.userId(),
            loginId,
            login.username(),
            login.displayName(),
            user.userHandle(),
            secondFactor,
            login.client(),
            platform,
            LoginSource.CONNECT,
            client.clientId(),
            user.externalUserId(),
            user.tenant()));
    String token = sign(client, user, loginId, ConnectScope.APPEND, now);
    log.info(
        "connect client {} reported login {} of user {} ({})",
        client.clientId(),
        loginId,
        user.userId(),
        login.hasSecondFactor() ? "with a second factor" : "without a second factor");
    return new Issued(loginId, token, TOKEN_LIFETIME);
  }

  public Issued manageToken(ConnectClient client, String externalUserId) {
    Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
    ConnectUser user = user(client, externalUserId, now);
    String token = sign(client, user, null, ConnectScope.MANAGE, now);
    log.info("connect client {} got a manage token for user {}", client.clientId(), user.userId());
    return new Issued(null, token, TOKEN_LIFETIME);
  }

  private ConnectUser user(ConnectClient client, String externalUserId, Instant now) {
    return users
        .find(client.tenant(), externalUserId)
        .orElseGet(
            () ->
                users.insertIfAbsent(
                    new ConnectUser(
                        client.tenant(), externalUserId, UUID.randomUUID(), newUserHandle(), now)));
  }

  private String sign(
      ConnectClient client, ConnectUser user, String loginId, ConnectScope scope, Instant now) {
    return signer.sign(
        new ConnectToken(
            user.userId(),
            user.externalUserId(),
            client.clientId(),
            user.tenant(),
            loginId,
            scope,
            UUID.randomUUID().toString(),
            now.plus(TOKEN_LIFETIME)),
        now);
  }

  private String newUserHandle() {
    byte[] bytes = new byte[64];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
