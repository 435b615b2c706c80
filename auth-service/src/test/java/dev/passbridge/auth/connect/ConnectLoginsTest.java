package dev.passbridge.auth.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.auth.fakes.InMemoryConnectUsers;
import dev.passbridge.auth.fakes.InMemoryErasedUsers;
import dev.passbridge.auth.fakes.MutableClock;
import dev.passbridge.contracts.events.ClientSignals;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.platform.core.connect.ConnectClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A reported login's idempotency key: a repeat is the same login and the same event, other fields
 * under the same key are refused, keys are per client and forgotten after their lifetime.
 */
class ConnectLoginsTest {
  private static final String HASH = "sha256:" + "ab".repeat(32);
  private static final ConnectClient SHOP =
      new ConnectClient("shop", List.of(HASH), List.of("https://shop.example"), "retail", 600);
  private static final ConnectClient OUTLET =
      new ConnectClient("outlet", List.of(HASH), List.of("https://outlet.example"), "retail", 600);

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-06T10:00:00.123456Z"));
  private final List<PasswordAuthenticated> published = new ArrayList<>();
  private final InMemoryReportKeys keys = new InMemoryReportKeys();
  private final InMemoryErasedUsers erased = new InMemoryErasedUsers();
  private final InMemoryConnectUsers users = new InMemoryConnectUsers();
  private final ConnectLogins logins =
      new ConnectLogins(
          users,
          (token, issuedAt) -> token.tokenId(),
          new ConnectEvents() {
            @Override
            public void passwordAuthenticated(PasswordAuthenticated event) {
              published.add(event);
            }

            @Override
            public void userErased(UserErased event) {
              throw new AssertionError("not erasing here");
            }
          },
          keys,
          erased,
          (userAgent, hints) -> Platform.unknown(),
          clock);

  private static ReportedLogin login(String externalUserId) {
    return new ReportedLogin(
        externalUserId,
        externalUserId + "@shop.example",
        "Shopper",
        "totp",
        Instant.parse("2026-12-06T09:59:50Z"),
        new ClientSignals(
            true,
            Map.of("conditionalCreate", true),
            "Mozilla/5.0",
            Map.of("sec-ch-ua-platform", "\"Windows\"")));
  }

  private ConnectLogins.Issued issued(ConnectLogins.ReportOutcome outcome) {
    assertThat(outcome).isInstanceOf(ConnectLogins.Issued.class);
    return (ConnectLogins.Issued) outcome;
  }

  @Test
  void withoutAKeyEveryReportIsANewLogin() {
    var first = issued(logins.reportLogin(SHOP, login("u1"), null));
    var second = issued(logins.reportLogin(SHOP, login("u1"), null));
    assertThat(second.loginId()).isNotEqualTo(first.loginId());
    assertThat(published).extracting(PasswordAuthenticated::eventId).doesNotHaveDuplicates();
  }

  @Test
  void aRepeatUnderTheSameKeyIsTheSameLoginAndTheSameEventWithAFreshToken() {
    var first = issued(logins.reportLogin(SHOP, login("u1"), "key-1"));
    clock.advance(Duration.ofSeconds(7));
    var again = issued(logins.reportLogin(SHOP, login("u1"), "key-1"));

    assertThat(again.loginId()).isEqualTo(first.loginId());
    assertThat(again.connectToken()).isNotEqualTo(first.connectToken());
    assertThat(published).hasSize(2);
    assertThat(published.get(1)).isEqualTo(published.get(0));
    assertThat(published.get(1).occurredAt())
        .isEqualTo(Instant.parse("2026-12-06T10:00:00.123456Z"));
    assertThat(keys.stored).hasSize(1);
    assertThat(keys.stored.keySet().iterator().next()).doesNotContain("key-1");
  }

  @Test
  void mapsInAnotherOrderAreTheSameReport() {
    ReportedLogin login = login("u1");
    Map<String, Boolean> capabilities = new LinkedHashMap<>();
    capabilities.put("passkeyPlatformAuthenticator", false);
    capabilities.put("conditionalCreate", true);
    Map<String, Boolean> reversed = new LinkedHashMap<>();
    reversed.put("conditionalCreate", true);
    reversed.put("passkeyPlatformAuthenticator", false);
    assertThat(ConnectLogins.fingerprint(withCapabilities(login, capabilities)))
        .isEqualTo(ConnectLogins.fingerprint(withCapabilities(login, reversed)))
        .isNotEqualTo(ConnectLogins.fingerprint(login));
  }

  private static ReportedLogin withCapabilities(ReportedLogin login, Map<String, Boolean> caps) {
    ClientSignals c = login.client();
    return new ReportedLogin(
        login.externalUserId(),
        login.username(),
        login.displayName(),
        login.secondFactorChannel(),
        login.secondFactorVerifiedAt(),
        new ClientSignals(c.autofilled(), caps, c.userAgent(), c.hints()));
  }

  @Test
  void theSameKeyWithOtherFieldsIsRefusedAndPublishesNothing() {
    var first = issued(logins.reportLogin(SHOP, login("u1"), "key-1"));
    ReportedLogin other = login("u2");
    assertThat(logins.reportLogin(SHOP, other, "key-1"))
        .isInstanceOf(ConnectLogins.KeyReused.class);
    ReportedLogin noSecondFactor =
        new ReportedLogin("u1", "u1@shop.example", "Shopper", null, null, login("u1").client());
    assertThat(logins.reportLogin(SHOP, noSecondFactor, "key-1"))
        .isInstanceOf(ConnectLogins.KeyReused.class);
    assertThat(published).hasSize(1);
    assertThat(published.getFirst().loginId()).isEqualTo(first.loginId());
  }

  @Test
  void keysArePerClient() {
    var shop = issued(logins.reportLogin(SHOP, login("u1"), "key-1"));
    var outlet = issued(logins.reportLogin(OUTLET, login("u1"), "key-1"));
    assertThat(outlet.loginId()).isNotEqualTo(shop.loginId());
    assertThat(published.get(1).eventId()).isNotEqualTo(published.get(0).eventId());
  }

  @Test
  void aKeyIsForgottenAfterItsLifetime() {
    var first = issued(logins.reportLogin(SHOP, login("u1"), "key-1"));
    clock.advance(ConnectLogins.REPORT_KEY_LIFETIME.plusSeconds(1));
    var later = issued(logins.reportLogin(SHOP, login("u1"), "key-1"));
    assertThat(later.loginId()).isNotEqualTo(first.loginId());
  }

  /** Expires by the test's clock, like the store's TTL. */
  private final class InMemoryReportKeys implements ReportKeys {
    final Map<String, KeyedReport> stored = new HashMap<>();
    final Map<String, Instant> expiry = new HashMap<>();

    @Override
    public KeyedReport claim(
        String clientId, String keyDigest, KeyedReport first, Duration lifetime) {
      String key = clientId + ":" + keyDigest;
      if (stored.containsKey(key) && clock.instant().isBefore(expiry.get(key))) {
        return stored.get(key);
      }
      stored.put(key, first);
      expiry.put(key, clock.instant().plus(lifetime));
      return first;
    }
  }

  /**
   * The platform erases a person Passbridge has not seen yet while the person's first login report
   * is in flight: the erasure finds no mapping (204), the report inserts one right after. The
   * report sees the erasure's mark after its insert, takes the mapping back and is refused (410):
   * nothing maps the erased person, nothing is published.
   */
  @Test
  void aFirstSightThatInsertsWhileTheIdIsErasedTakesItsMappingBack() {
    List<UserErased> erasures = new ArrayList<>();
    ConnectUserErasure erasure =
        new ConnectUserErasure(
            users,
            new ConnectEvents() {
              @Override
              public void passwordAuthenticated(PasswordAuthenticated event) {
                throw new AssertionError("no login here");
              }

              @Override
              public void userErased(UserErased event) {
                erasures.add(event);
              }
            },
            erased,
            clock);
    List<ConnectUserErasure.Outcome> outcomes = new ArrayList<>();
    users.beforeInsert = () -> outcomes.add(erasure.erase(SHOP, "gone"));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> logins.reportLogin(SHOP, login("gone"), null))
        .isInstanceOf(ConnectLogins.RecentlyErasedException.class);

    assertThat(outcomes).containsExactly(ConnectUserErasure.Outcome.UNKNOWN);
    assertThat(users.find("retail", "gone")).isEmpty();
    assertThat(published).isEmpty();
    assertThat(erasures).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> logins.manageToken(SHOP, "gone"))
        .as("the mark holds for what comes next too")
        .isInstanceOf(ConnectLogins.RecentlyErasedException.class);
    assertThat(users.find("retail", "gone")).isEmpty();
  }

  /**
   * Another request's first sight inserted the mapping (and handed it out) before the erasure
   * marked the id; this request's insert meets that row and sees the mark. It is refused but does
   * not delete the other's row: the erasure's lookup finds that row and erases it with its event.
   */
  @Test
  void aFirstSightThatMeetsAnotherRequestsRowUnderTheMarkLeavesItToTheErasure() {
    ConnectUser other =
        new ConnectUser(
            "retail", "twice", java.util.UUID.randomUUID(), "h".repeat(86), clock.instant());
    users.beforeInsert =
        () -> {
          users.insertIfAbsent(other);
          erased.mark("retail", "twice", ConnectUserErasure.ERASED_MARK);
        };

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> logins.reportLogin(SHOP, login("twice"), null))
        .isInstanceOf(ConnectLogins.RecentlyErasedException.class);

    assertThat(users.find("retail", "twice")).contains(other);
    assertThat(published).isEmpty();
  }
}
