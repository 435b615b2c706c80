package dev.passbridge.otp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.passbridge.testsupport.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The shared architecture rules (docs/architecture.md §9), one test per rule, and what otp-service
 * adds: the code policy is plain Java without the platform either.
 */
class ArchitectureTest {
  private static final ServiceArchitecture RULES = ServiceArchitecture.of("otp");

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.passbridge.otp");

  @Test
  void featuresFormNoCycles() {
    RULES.featuresFormNoCycles();
  }

  @Test
  void internalPackagesArePrivateToTheirFeature() {
    RULES.internalPackagesArePrivateToTheirFeature();
  }

  @Test
  void domainCodeUsesNoFramework() {
    RULES.domainCodeUsesNoFramework();
  }

  @Test
  void wiringLivesInFeatureInternalConfigurations() {
    RULES.wiringLivesInFeatureInternalConfigurations();
  }

  @Test
  void noServiceDependsOnAnother() {
    RULES.noServiceDependsOnAnother();
  }

  @Test
  void theOtpPolicyIsPlainJava() {
    noClasses()
        .that()
        .resideInAPackage("dev.passbridge.otp.policy")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "io.lettuce..",
            "org.apache.kafka..",
            "jakarta.servlet..",
            "dev.passbridge.otp.policy.internal..",
            "dev.passbridge.platform..")
        .check(CLASSES);
  }
}
