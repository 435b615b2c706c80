package dev.passbridge.otp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The code policy is plain Java: no Spring, Redis, Kafka or web types (STYLE.md). */
class ArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.passbridge.otp");

  @Test
  void theCodePolicyIsPlainJava() {
    noClasses()
        .that()
        .resideInAPackage("dev.passbridge.otp.code")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "io.lettuce..",
            "org.apache.kafka..",
            "jakarta.servlet..",
            "dev.passbridge.otp.code.internal..",
            "dev.passbridge.platform..")
        .check(classes);
  }

  @Test
  void featuresDoNotReachIntoEachOthersInternals() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.passbridge.otp", "dev.passbridge.otp.code..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.passbridge.otp.code.internal..")
        .check(classes);
  }
}
