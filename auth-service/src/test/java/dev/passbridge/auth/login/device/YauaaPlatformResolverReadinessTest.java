package dev.passbridge.auth.login.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resolver says it is ready only once its analyzer is built (the readiness probe's source). */
class YauaaPlatformResolverReadinessTest {

  @Test
  void isUnreadyUntilTheAnalyzerIsBuilt() {
    List<Runnable> held = new ArrayList<>();
    YauaaPlatformResolver resolver = new YauaaPlatformResolver(10, held::add);
    assertThat(resolver.ready()).isFalse();
    assertThat(resolver.buildMillis()).isEqualTo(-1);

    assertThat(held).hasSize(1);
    held.getFirst().run();
    assertThat(resolver.ready()).isTrue();
    assertThat(resolver.buildMillis()).isNotNegative();
    assertThat(resolver.resolve(YauaaPlatformResolverTest.CHROME_WINDOWS, null).browser())
        .isEqualTo("Chrome");
  }
}
