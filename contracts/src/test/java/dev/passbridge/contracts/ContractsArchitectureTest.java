package dev.passbridge.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** {@code contracts} is plain Java: no Spring anywhere, no Kafka client types in the records. */
class ContractsArchitectureTest {

  private static final JavaClasses CONTRACTS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.passbridge.contracts");

  @Test
  void contractsDependOnNoSpring() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework..")
        .check(CONTRACTS);
  }

  @Test
  void eventRecordsDependOnNoKafkaClientTypes() {
    noClasses()
        .that()
        .resideInAPackage("dev.passbridge.contracts.events..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "tools.jackson..", "com.fasterxml..")
        .check(CONTRACTS);
  }

  @Test
  void eventsAreImmutableRecords() {
    classes()
        .that()
        .resideInAPackage("dev.passbridge.contracts.events..")
        .and()
        .implement(dev.passbridge.contracts.events.PassbridgeEvent.class)
        .should()
        .beRecords()
        .check(CONTRACTS);
  }
}
