package dev.passbridge.platform.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** platform-core is the framework-free core both the servlet platform and the gateway adapt. */
class PlatformCoreArchitectureTest {

  @Test
  void usesNoFramework() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "jakarta.servlet..",
            "reactor..",
            "io.netty..",
            "org.apache.kafka..",
            "io.lettuce..",
            "tools.jackson..",
            "com.fasterxml.jackson..")
        .because("platform-core is plain Java and Nimbus JOSE; adapters live in platform/gateway")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.passbridge.platform.core"));
  }
}
