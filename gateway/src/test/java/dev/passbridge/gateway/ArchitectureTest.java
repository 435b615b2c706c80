package dev.passbridge.gateway;

import dev.passbridge.testsupport.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The architecture rules every service keeps (docs/architecture.md §9), for the gateway. */
class ArchitectureTest {
  private final ServiceArchitecture architecture = ServiceArchitecture.of("gateway");

  @Test
  void featuresFormNoCycles() {
    architecture.featuresFormNoCycles();
  }

  @Test
  void internalPackagesArePrivateToTheirFeature() {
    architecture.internalPackagesArePrivateToTheirFeature();
  }

  @Test
  void domainCodeUsesNoFramework() {
    architecture.domainCodeUsesNoFramework();
  }

  @Test
  void wiringLivesInFeatureInternalConfigurations() {
    architecture.wiringLivesInFeatureInternalConfigurations();
  }

  @Test
  void noServiceDependsOnAnother() {
    architecture.noServiceDependsOnAnother();
  }
}
