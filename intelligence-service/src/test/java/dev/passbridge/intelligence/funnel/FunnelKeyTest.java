package dev.passbridge.intelligence.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.LoginSource;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FunnelKeyTest {
  private static final LocalDate DAY = LocalDate.parse("2025-09-15");

  @Test
  void roundTrips() {
    FunnelKey key = new FunnelKey(DAY, "iOS/Safari", FunnelStep.SKIPPED, "HAS_PASSKEY");
    assertThat(key.encode()).isEqualTo("2025-09-15|iOS/Safari|skipped|HAS_PASSKEY");
    assertThat(FunnelKey.decode(key.encode())).isEqualTo(key);
    FunnelKey noDetail = new FunnelKey(DAY, "Windows/Edge", FunnelStep.PASSWORD_LOGIN, null);
    assertThat(FunnelKey.decode(noDetail.encode())).isEqualTo(noDetail);
  }

  @Test
  void connectKeysCarryTheirSourceAndHostedKeysKeepTheirShape() {
    FunnelKey connect =
        new FunnelKey(DAY, "iOS/Safari", FunnelStep.PASSWORD_LOGIN, null, LoginSource.CONNECT);
    assertThat(connect.encode()).isEqualTo("2025-09-15|iOS/Safari|password_login||CONNECT");
    assertThat(FunnelKey.decode(connect.encode())).isEqualTo(connect);
    FunnelKey hosted = FunnelKey.decode("2025-09-15|iOS/Safari|password_login|");
    assertThat(hosted.source()).isEqualTo(LoginSource.HOSTED);
    assertThat(new FunnelKey(DAY, "iOS/Safari", FunnelStep.PASSWORD_LOGIN, null, null))
        .isEqualTo(hosted);
    assertThat(connect.encode()).isLessThan(FunnelKey.lastOf(DAY));
  }

  @Test
  void hostileValuesCannotBreakTheKey() {
    FunnelKey key =
        new FunnelKey(DAY, "Evil|OS/\nBrowser" + "x".repeat(100), FunnelStep.UPGRADE_FAILED, "a|b");
    assertThat(key.platform()).isEqualTo("Other/Other");
    assertThat(key.detail()).isEqualTo(FunnelKey.OTHER);
    assertThat(FunnelKey.decode(key.encode())).isEqualTo(key);
  }

  /**
   * A platform is named only from fixed lists: an invented User-Agent's product name (the parser
   * passes it on as the browser) makes no series or row of its own.
   */
  @Test
  void platformsComeFromAFixedVocabulary() {
    assertThat(PlatformLabel.of("iOS/Safari")).isEqualTo("iOS/Safari");
    assertThat(PlatformLabel.of("mac os/google chrome")).isEqualTo("Mac OS/Google Chrome");
    assertThat(PlatformLabel.of("Android/Samsung Internet")).isEqualTo("Android/Samsung Internet");
    assertThat(PlatformLabel.of("Unknown/Probexq1")).isEqualTo("Unknown/Other");
    assertThat(PlatformLabel.of("Windows/Probexq2")).isEqualTo("Windows/Other");
    assertThat(PlatformLabel.of("Evil OS/Chrome")).isEqualTo("Other/Chrome");
    assertThat(PlatformLabel.of("Unknown/Unknown")).isEqualTo(FunnelKey.UNKNOWN_PLATFORM);
    assertThat(PlatformLabel.of(null)).isEqualTo(FunnelKey.UNKNOWN_PLATFORM);
    assertThat(PlatformLabel.of("Chrome")).isEqualTo("Other/Unknown");
    assertThat(new FunnelKey(DAY, "Linux/Probe 9", FunnelStep.PASSWORD_LOGIN, null).platform())
        .isEqualTo("Linux/Other");
  }

  @Test
  void keysOfADayRangeSortBetweenItsBounds() {
    String inside = new FunnelKey(DAY, "iOS/Safari", FunnelStep.ELIGIBLE, "PROMPT").encode();
    assertThat(inside).isGreaterThan(FunnelKey.firstOf(DAY)).isLessThan(FunnelKey.lastOf(DAY));
    assertThat(new FunnelKey(DAY.plusDays(1), "A", FunnelStep.ELIGIBLE, null).encode())
        .isGreaterThan(FunnelKey.lastOf(DAY));
    assertThat(FunnelKey.firstOf(DAY)).isGreaterThan(FunnelKey.lastOf(DAY.minusDays(1)));
  }

  /**
   * The browser names an upgrade failure; a client inventing names must not add a funnel key and a
   * metric series per login.
   */
  @Test
  void upgradeFailuresAreCountedUnderAFixedVocabulary() {
    assertThat(FunnelKey.failureDetail("NotAllowedError")).isEqualTo("NotAllowedError");
    assertThat(FunnelKey.failureDetail("Dismissed")).isEqualTo("Dismissed");
    assertThat(FunnelKey.failureDetail("credential-exists")).isEqualTo("credential-exists");
    assertThat(FunnelKey.failureDetail("MadeUpError1234")).isEqualTo(FunnelKey.OTHER);
    assertThat(FunnelKey.failureDetail("notallowederror")).isEqualTo(FunnelKey.OTHER);
    assertThat(FunnelKey.failureDetail(null)).isEqualTo(FunnelKey.OTHER);
  }
}
