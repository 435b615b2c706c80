package dev.passbridge.auth.connect;

import dev.passbridge.auth.connect.ReportKeys.KeyedReport;
import dev.passbridge.auth.login.device.PlatformResolver;
import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.SecondFactor;
import dev.passbridge.contracts.ids.LoginId;
import dev.passbridge.contracts.ids.Tokens;
import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.core.connect.ConnectScope;
import dev.passbridge.platform.core.connect.ConnectToken;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Connect server API's logic: a reported login becomes a mapped user, a {@code
 * PasswordAuthenticated} event ({@code source CONNECT}, acknowledged by the broker before the
 * answer) and an {@code append} token for that login; a manage request becomes a {@code manage}
 * token. Tokens live {@link #TOKEN_LIFETIME}.
 *
 * <p>A report with an {@code Idempotency-Key} is kept under the key's digest for {@link
 * #REPORT_KEY_LIFETIME}: a repeat with the same key and the same fields is the same login, and its
 * event is published again unchanged (same id and time), which consumers take as a redelivery; the
 * answer carries a fresh token for that login. So a platform that got no answer (a timeout, a 503
 * while the broker did not acknowledge) can report again without making a second login. The same
 * key with other fields is refused ({@link KeyReused}). Without a key every report is a new login.
 *
 * <p>Unknown users: a manage token is issued for the mapping, created on first sight like a
 * reported login does (the user simply has no passkeys yet), so a platform needs no special case
 * for users who never reported a login.
 */
public final class ConnectLogins {
  private static final Logger log = LoggerFactory.getLogger(ConnectLogins.class);
  public static final Duration TOKEN_LIFETIME = ConnectToken.MAX_LIFETIME;

  /** How long a report's idempotency key names its login: as long as a decision waits for it. */
  public static final Duration REPORT_KEY_LIFETIME = Duration.ofMinutes(10);

  private final ConnectUsers users;
  private final ConnectTokenSigner signer;
  private final ConnectEvents events;
  private final ReportKeys keys;
  private final ErasedUsers erased;
  private final PlatformResolver platforms;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ConnectLogins(
      ConnectUsers users,
      ConnectTokenSigner signer,
      ConnectEvents events,
      ReportKeys keys,
      ErasedUsers erased,
      PlatformResolver platforms,
      Clock clock) {
    this.users = users;
    this.signer = signer;
    this.events = events;
    this.keys = keys;
    this.erased = erased;
    this.platforms = platforms;
    this.clock = clock;
  }

  /** The answer to a report. */
  public sealed interface ReportOutcome permits Issued, KeyReused {}

  /** What the platform's backend gets back. */
  public record Issued(String loginId, String connectToken, Duration expiresIn)
      implements ReportOutcome {}

  /** The idempotency key names an earlier report with other fields; nothing was done. */
  public record KeyReused() implements ReportOutcome {}

  /**
   * Reports a login.
   *
   * @param idempotencyKey the platform's key for this report, or null for none
   */
  public ReportOutcome reportLogin(
      ConnectClient client, ReportedLogin login, String idempotencyKey) {
    // the event's time as it is (a whole second would put it before the platform's verifiedAt);
    // the token's iat and exp in whole seconds, as JWT numeric dates are
    KeyedReport report =
        new KeyedReport(
            fingerprint(login), LoginId.random().value(), UUID.randomUUID(), clock.instant());
    if (idempotencyKey != null) {
      KeyedReport first =
          keys.claim(client.clientId(), Tokens.digest(idempotencyKey), report, REPORT_KEY_LIFETIME);
      if (!first.fingerprint().equals(report.fingerprint())) {
        log.info(
            "connect client {} reused an idempotency key with other fields", client.clientId());
        return new KeyReused();
      }
      if (first != report) {
        log.info(
            "connect client {} repeated the report of login {}",
            client.clientId(),
            first.loginId());
      }
      report = first;
    }
    String loginId = report.loginId();
    Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
    ConnectUser user = user(client, login.externalUserId(), now);
    Platform platform = platforms.resolve(login.client().userAgent(), login.client().hints());
    SecondFactor secondFactor =
        login.hasSecondFactor()
            ? SecondFactor.verifiedByPlatform(
                login.secondFactorChannel(), login.secondFactorVerifiedAt())
            : null;
    events.passwordAuthenticated(
        new PasswordAuthenticated(
            report.eventId(),
            report.occurredAt(),
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

  /**
   * The digest of every field of a reported login, maps in key order: what a repeat under the same
   * idempotency key must match. Each field is prefixed with its length, so no two different reports
   * read the same.
   */
  static String fingerprint(ReportedLogin login) {
    StringBuilder text = new StringBuilder();
    for (Object field :
        List.of(
            login.externalUserId(),
            login.username(),
            login.displayName(),
            String.valueOf(login.secondFactorChannel()),
            String.valueOf(login.secondFactorVerifiedAt()),
            login.client().autofilled(),
            sorted(login.client().capabilities()),
            String.valueOf(login.client().userAgent()),
            sorted(login.client().hints()))) {
      String value = String.valueOf(field);
      text.append(value.length()).append(':').append(value).append(';');
    }
    return Tokens.digest(text.toString());
  }

  private static String sorted(Map<String, ?> map) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(map)
        .forEach(
            (k, v) -> {
              String value = String.valueOf(v);
              text.append(k.length())
                  .append(':')
                  .append(k)
                  .append('=')
                  .append(value.length())
                  .append(':')
                  .append(value)
                  .append(',');
            });
    return text.toString();
  }

  public Issued manageToken(ConnectClient client, String externalUserId) {
    Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
    ConnectUser user = user(client, externalUserId, now);
    String token = sign(client, user, null, ConnectScope.MANAGE, now);
    log.info("connect client {} got a manage token for user {}", client.clientId(), user.userId());
    return new Issued(null, token, TOKEN_LIFETIME);
  }

  /**
   * The mapped user, made on first sight, unless the id was erased moments ago ({@link
   * ErasedUsers}: checked only on a first sight, so a known user's login costs nothing more).
   *
   * <p>The erasure marks the id before it looks the mapping up, so a first sight that inserted the
   * mapping after that lookup (which then found nothing to erase) sees the mark when it looks again
   * after its insert, and takes its mapping back: no request in flight maps an erased id anew.
   *
   * @throws RecentlyErasedException when it was
   */
  private ConnectUser user(ConnectClient client, String externalUserId, Instant now) {
    var known = users.find(client.tenant(), externalUserId);
    if (known.isPresent()) {
      return known.get();
    }
    if (erased.marked(client.tenant(), externalUserId)) {
      log.info("connect client {} named a user erased moments ago", client.clientId());
      throw new RecentlyErasedException();
    }
    ConnectUser candidate =
        new ConnectUser(client.tenant(), externalUserId, UUID.randomUUID(), newUserHandle(), now);
    ConnectUser stored = users.insertIfAbsent(candidate);
    if (erased.marked(client.tenant(), externalUserId)) {
      // only the row this request inserted: one another request inserted (and may have handed
      // out) was there before the erasure's lookup, which erases it and publishes UserErased
      if (stored.userId().equals(candidate.userId())) {
        users.delete(stored);
      }
      log.info(
          "connect client {} erased user {} while it was first seen",
          client.clientId(),
          stored.userId());
      throw new RecentlyErasedException();
    }
    return stored;
  }

  /** The external id was erased moments ago: 410 {@code user-erased}, nothing made or sent. */
  public static final class RecentlyErasedException extends RuntimeException {
    RecentlyErasedException() {
      super("this user was erased moments ago", null, false, false);
    }
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
