package dev.passbridge.passkey;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * auth-service's layout rules, applied to passkey-service: everything outside the {@code internal}
 * adapter packages, except the web controllers, advice and {@code @ConfigurationProperties}
 * records, works without Spring, Redis, JDBC or Kafka (webauthn4j and Jackson are libraries here);
 * the adapters are not used by the domain; and the feature packages do not call each other in
 * circles.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.passbridge.passkey");

  @Test
  void domainLogicIsFreeOfFrameworksAndInfrastructure() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackages("..internal..")
            .and()
            .haveSimpleNameNotEndingWith("Controller")
            .and()
            .haveSimpleNameNotEndingWith("Advice")
            .and()
            .haveSimpleNameNotEndingWith("Properties")
            .and()
            .haveNameNotMatching(".*Properties\\$.*") // their nested settings records
            .and()
            .doNotHaveFullyQualifiedName(PasskeyApplication.class.getName())
            .and()
            .doNotHaveSimpleName("PasskeyConfiguration")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.springframework.boot..",
                "org.springframework.context..",
                "org.springframework.web..",
                "org.springframework.data..",
                "org.springframework.jdbc..",
                "org.springframework.kafka..",
                // beyond auth-service's list: no @Transactional, no DataAccessException subtypes
                "org.springframework.transaction..",
                "org.springframework.dao..",
                "org.springframework.modulith..",
                "org.apache.kafka..",
                "io.lettuce..",
                "java.sql..",
                "jakarta.servlet..");
    rule.check(CLASSES);
  }

  @Test
  void adaptersAreNotUsedByTheDomain() {
    noClasses()
        .that()
        .resideOutsideOfPackages("..internal..")
        .and()
        .haveSimpleNameNotEndingWith("Controller")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..internal..")
        .check(CLASSES);
  }

  @Test
  void featuresDoNotDependOnEachOtherInCircles() {
    slices().matching("dev.passbridge.passkey.(*)..").should().beFreeOfCycles().check(CLASSES);
  }
}
