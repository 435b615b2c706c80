package dev.passbridge.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The architecture rules every service keeps, in one place so that each service's {@code
 * ArchitectureTest} is the same test (docs/architecture.md §9):
 *
 * <ul>
 *   <li>features ({@code dev.passbridge.<service>.<feature>}) form no cycles;
 *   <li>a feature's {@code internal} package is private to that feature;
 *   <li>domain code (outside {@code internal}, other than the web and Kafka adapters named {@code
 *       *Controller}, {@code *Advice}, {@code *Listener}, the gateway's reactive {@code *WebFilter}
 *       and {@code *WebAdapter}, and the {@code @ConfigurationProperties} records named {@code
 *       *Properties}, with the classes nested in them) uses no Spring, Kafka, Redis, JDBC or
 *       servlet types;
 *   <li>wiring is written one way: {@code @Configuration} classes are {@code
 *       <feature>/internal/*Configuration} ({@code <service>/internal/} for what the whole service
 *       shares: its schedulers, its Kafka Streams runtime, a problem shared by two controllers);
 *   <li>no service depends on another service's code (they share {@code contracts} and {@code
 *       platform} only).
 * </ul>
 *
 * ArchUnit is used rather than Spring Modulith's verifier because the rules are about packages and
 * types, which ArchUnit states directly, and the gateway (reactive, no modulith) keeps them too.
 */
public final class ServiceArchitecture {

  private static final List<String> SERVICES =
      List.of("auth", "otp", "intelligence", "passkey", "gateway");

  private static final String[] FRAMEWORKS = {
    "org.springframework..",
    "org.apache.kafka..",
    "io.lettuce..",
    "java.sql..",
    "javax.sql..",
    "jakarta.servlet..",
    "reactor.netty.."
  };

  private final String root;
  private final JavaClasses classes;

  private ServiceArchitecture(String root) {
    this.root = root;
    this.classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(root);
  }

  /** The rules for the service whose code is under {@code dev.passbridge.<service>}. */
  public static ServiceArchitecture of(String service) {
    return new ServiceArchitecture("dev.passbridge." + service);
  }

  public void featuresFormNoCycles() {
    slices().matching(root + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  public void internalPackagesArePrivateToTheirFeature() {
    classes()
        .should(onlyDependOnInternalsOfTheirOwnFeature())
        .because("a feature's internal package is its implementation, not its interface")
        .check(classes);
  }

  public void domainCodeUsesNoFramework() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackages("..internal..")
            .and(are(not(adapterOrSetting())))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FRAMEWORKS)
            .because("policies, rules and ports are plain Java a unit test can call alone");
    rule.check(classes);
  }

  public void wiringLivesInFeatureInternalConfigurations() {
    classes()
        .that()
        .areAnnotatedWith("org.springframework.context.annotation.Configuration")
        .and()
        .areNotAnnotatedWith("org.springframework.boot.autoconfigure.SpringBootApplication")
        .should()
        .resideInAPackage(root + "..internal..")
        .andShould()
        .haveSimpleNameEndingWith("Configuration")
        .because("each feature wires itself in <feature>/internal/*Configuration")
        .check(classes);
  }

  public void noServiceDependsOnAnother() {
    String[] others =
        SERVICES.stream()
            .map(s -> "dev.passbridge." + s)
            .filter(p -> !p.equals(root))
            .map(p -> p + "..")
            .toArray(String[]::new);
    noClasses().should().dependOnClassesThat().resideInAnyPackage(others).check(classes);
  }

  /** Every rule above, for a service's {@code ArchitectureTest} that wants them in one call. */
  public void verify() {
    featuresFormNoCycles();
    internalPackagesArePrivateToTheirFeature();
    domainCodeUsesNoFramework();
    wiringLivesInFeatureInternalConfigurations();
    noServiceDependsOnAnother();
  }

  private static DescribedPredicate<JavaClass> adapterOrSetting() {
    return DescribedPredicate.describe(
        "web or Kafka adapters, settings records or the application class",
        ServiceArchitecture::isAdapterOrSetting);
  }

  /** By name; a class nested in one (a settings record's part, say) is part of it. */
  private static boolean isAdapterOrSetting(JavaClass c) {
    if (c.getEnclosingClass().map(ServiceArchitecture::isAdapterOrSetting).orElse(false)) {
      return true;
    }
    String name = c.getSimpleName();
    // WebFilter, WebAdapter: the reactive gateway's web adapters, as Controller/Advice are the
    // servlet services'
    return name.endsWith("Controller")
        || name.endsWith("Advice")
        || name.endsWith("WebFilter")
        || name.endsWith("WebAdapter")
        || name.endsWith("Listener")
        || name.endsWith("Properties")
        || name.endsWith("Application")
        || c.isAnnotatedWith("org.springframework.boot.autoconfigure.SpringBootApplication");
  }

  private static <T> DescribedPredicate<T> are(DescribedPredicate<T> predicate) {
    return predicate;
  }

  private static <T> DescribedPredicate<T> not(DescribedPredicate<T> predicate) {
    return DescribedPredicate.not(predicate);
  }

  private ArchCondition<JavaClass> onlyDependOnInternalsOfTheirOwnFeature() {
    Pattern internal =
        Pattern.compile(Pattern.quote(root) + "\\.([^.]+)(\\..+)?\\.internal(\\..*)?");
    return new ArchCondition<>("only use the internal packages of their own feature") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> originFeature = feature(origin.getPackageName());
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          Matcher target = internal.matcher(dependency.getTargetClass().getPackageName());
          if (target.matches() && !originFeature.equals(Optional.of(target.group(1)))) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private Optional<String> feature(String packageName) {
    if (!packageName.startsWith(root + ".")) {
      return Optional.empty();
    }
    String rest = packageName.substring(root.length() + 1);
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }
}
