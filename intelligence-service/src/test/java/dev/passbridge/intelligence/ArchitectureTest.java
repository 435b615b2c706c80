package dev.passbridge.intelligence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The decision rules are plain Java: no Spring, no Kafka, no Jackson. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.passbridge.intelligence");

  @Test
  void rulesDependOnNoFramework() {
    noClasses()
        .that()
        .resideInAPackage("dev.passbridge.intelligence.rules..")
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
        .resideInAPackage("dev.passbridge.intelligence.rules..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.passbridge.intelligence.decision..",
            "dev.passbridge.intelligence.funnel..",
            "dev.passbridge.intelligence.settings..",
            "dev.passbridge.intelligence.streams..")
        .check(CLASSES);
  }
}
