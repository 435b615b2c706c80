package dev.passbridge.passkey.internal;

import dev.passbridge.passkey.upgrade.UpgradeProperties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Threads owned by passkey-service, shut down with its context (the launcher runs several). */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

  /** Runs the upgrade-decision polls and the provider-name refresh. */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService passkeyScheduler(UpgradeProperties properties) {
    return Executors.newScheduledThreadPool(
        properties.pollThreads(),
        Thread.ofPlatform().name("passkey-scheduler-", 0).daemon().factory());
  }
}
