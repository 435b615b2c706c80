package dev.passbridge.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The domain logic is plain Java (STYLE.md): everything outside the {@code internal} adapter
 * packages, except the web controllers, advice and {@code @ConfigurationProperties} records, works
 * without Spring, Redis, JDBC or Kafka (Spring Security's Argon2 encoder is a library here).
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.passbridge.auth");

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
            .doNotHaveFullyQualifiedName(AuthApplication.class.getName())
            .and()
            .doNotHaveSimpleName("AuthConfiguration")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "org.springframework.boot..",
                "org.springframework.context..",
                "org.springframework.web..",
                "org.springframework.data..",
                "org.springframework.jdbc..",
                "org.springframework.kafka..",
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
}
