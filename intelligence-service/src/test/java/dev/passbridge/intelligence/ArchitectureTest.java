package dev.passbridge.intelligence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.passbridge.testsupport.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The shared architecture rules (docs/architecture.md §9), one test per rule, and what
 * intelligence-service adds: the decision rules are plain Java (no Spring, no Kafka, no Jackson)
 * and know no other feature; the service-wide Kafka Streams runtime ({@code internal}) knows no
 * feature.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.passbridge.intelligence";

  private static final ServiceArchitecture RULES = ServiceArchitecture.of("intelligence");

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

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  @Test
  void rulesDependOnNoFramework() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".rules..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "org.apache.kafka..", "tools.jackson..", "com.fasterxml..")
        .check(CLASSES);
  }

  @Test
  void rulesDoNotReachIntoTheAdapters() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".rules..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".decision..",
            ROOT + ".funnel..",
            ROOT + ".settings..",
            ROOT + ".internal..",
            ROOT + ".login..",
            ROOT + ".profile..")
        .check(CLASSES);
  }

  @Test
  void theStreamsRuntimeKnowsNoFeature() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".internal..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".login..",
            ROOT + ".profile..",
            ROOT + ".decision..",
            ROOT + ".funnel..",
            ROOT + ".settings..",
            ROOT + ".rules..")
        .check(CLASSES);
  }
}
