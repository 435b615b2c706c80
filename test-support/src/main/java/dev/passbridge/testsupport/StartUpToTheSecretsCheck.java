package dev.passbridge.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Starts a service as in production (its own configuration file, the given profiles only) until its
 * application context is prepared: by then the secrets check ({@code SecretsCheckListener}) has run
 * and nothing has connected to anything, so a service's {@code ProductionSecretsTest} needs no
 * broker, database or Redis. A start the check stops throws its {@code MissingSecretsException};
 * one it lets through throws {@link PassedTheCheck}.
 */
public final class StartUpToTheSecretsCheck {

  /** The check passed: the context is about to be refreshed (and would connect to things). */
  public static final class PassedTheCheck extends RuntimeException {
    PassedTheCheck() {
      super("the secrets check passed", null, false, false);
    }
  }

  private StartUpToTheSecretsCheck() {}

  /**
   * @param application the service's application class
   * @param configName its configuration file's name ({@code spring.config.name})
   * @param variables the whole process environment (nothing leaks in from the machine's)
   * @param profiles the active profiles; none is production
   */
  public static void start(
      Class<?> application, String configName, Map<String, String> variables, String... profiles) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new HashMap<>(variables)));
    new SpringApplicationBuilder(application)
        .environment(environment)
        .web(WebApplicationType.NONE)
        .profiles(profiles)
        .properties("spring.config.name=" + configName)
        .listeners(
            (ApplicationListener<ApplicationPreparedEvent>)
                event -> {
                  throw new PassedTheCheck();
                })
        .run("--spring.main.banner-mode=off");
  }
}
