package dev.passbridge.intelligence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The features (login join, profile projection, decision, funnel, settings, rules, streams runtime)
 * depend on each other in one direction only; each one's {@code internal} package is its own; the
 * decision rules are plain Java: no Spring, no Kafka, no Jackson.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.passbridge.intelligence";

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

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
            "dev.passbridge.intelligence.streams..",
            "dev.passbridge.intelligence.login..",
            "dev.passbridge.intelligence.profile..")
        .check(CLASSES);
  }

  @Test
  void noCyclesBetweenFeatures() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @ParameterizedTest
  @ValueSource(strings = {"login", "profile", "decision", "funnel", "settings", "streams"})
  void internalBelongsToItsFeature(String feature) {
    classes()
        .that()
        .resideInAPackage(ROOT + "." + feature + ".internal..")
        .should()
        .onlyHaveDependentClassesThat()
        .resideInAPackage(ROOT + "." + feature + "..")
        .allowEmptyShould(true)
        .check(CLASSES);
  }

  @Test
  void theStreamsRuntimeKnowsNoFeature() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".streams..")
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
