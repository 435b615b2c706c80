package dev.passbridge.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.passbridge.testsupport.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The rules every service keeps (docs/architecture.md §9), one test per rule so a failure names the
 * rule, plus one rule of auth-service's own: the domain does not use the infrastructure adapters,
 * not even those of its own feature.
 */
class ArchitectureTest {
  private static final ServiceArchitecture AUTH = ServiceArchitecture.of("auth");

  @Test
  void featuresFormNoCycles() {
    AUTH.featuresFormNoCycles();
  }

  @Test
  void internalPackagesArePrivateToTheirFeature() {
    AUTH.internalPackagesArePrivateToTheirFeature();
  }

  @Test
  void domainCodeUsesNoFramework() {
    AUTH.domainCodeUsesNoFramework();
  }

  @Test
  void wiringLivesInFeatureInternalConfigurations() {
    AUTH.wiringLivesInFeatureInternalConfigurations();
  }

  @Test
  void noServiceDependsOnAnother() {
    AUTH.noServiceDependsOnAnother();
  }

  /**
   * Stricter than "internal is private to its feature": within a feature, only the web adapters may
   * use the {@code internal} package; the policies and ports never do.
   */
  @Test
  void adaptersAreNotUsedByTheDomain() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.passbridge.auth");
    noClasses()
        .that()
        .resideOutsideOfPackages("..internal..")
        .and()
        .haveSimpleNameNotEndingWith("Controller")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..internal..")
        .check(classes);
  }
}
