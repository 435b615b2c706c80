package dev.passbridge.platform.secrets;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Stops a service's start, outside the {@code local} profile, when a secret it declares in {@code
 * passbridge.secrets.required} is missing, blank or a published demo value, or when a configured
 * Connect client ({@code passbridge.connect.clients[*].secret-hashes}) uses the demo secret. Runs
 * when the application context is prepared: every property source is in place (including a test's
 * dynamic properties) and nothing has connected to anything yet. Registered in {@code
 * META-INF/spring.factories}, so it runs whatever auto-configuration a service excludes.
 */
public final class SecretsCheckListener
    implements ApplicationListener<ApplicationPreparedEvent>, Ordered {

  public static final String REQUIRED = "passbridge.secrets.required";
  public static final String CONNECT_CLIENTS = "passbridge.connect.clients";

  /** The part of a Connect client this check reads (the rest is bound by the service). */
  record ConnectClientHashes(List<String> secretHashes) {}

  @Override
  public void onApplicationEvent(ApplicationPreparedEvent event) {
    ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
    if (environment.acceptsProfiles(Profiles.of("local"))) {
      return;
    }
    Binder binder = Binder.get(environment);
    List<RequiredSecret> required =
        binder.bind(REQUIRED, Bindable.listOf(String.class)).orElse(List.of()).stream()
            .filter(entry -> !entry.isBlank())
            .map(RequiredSecret::parse)
            .toList();
    List<SecretsCheck.Problem> problems =
        new ArrayList<>(SecretsCheck.check(required, property -> resolve(environment, property)));
    problems.addAll(
        SecretsCheck.checkConnectSecretHashes(
            binder
                .bind(CONNECT_CLIENTS, Bindable.listOf(ConnectClientHashes.class))
                .orElse(List.of())
                .stream()
                .map(ConnectClientHashes::secretHashes)
                .toList()));
    if (!problems.isEmpty()) {
      throw new MissingSecretsException(
          environment.getProperty("spring.application.name", "the service"), problems);
    }
  }

  /** A placeholder that cannot be resolved ({@code ${VAR}} without a default) counts as unset. */
  private static String resolve(ConfigurableEnvironment environment, String property) {
    try {
      return environment.getProperty(property);
    } catch (IllegalArgumentException unresolvable) {
      return null;
    }
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
