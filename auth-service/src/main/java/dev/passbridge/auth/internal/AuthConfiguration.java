package dev.passbridge.auth.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Threads owned by auth-service, shut down with its context (the launcher runs several). */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

  /** One platform thread for timers: key refresh, session-wait timeouts. */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService authScheduler() {
    return Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("auth-scheduler").factory());
  }

  /** Short blocking work (Redis, Kafka acks) off the timer and Redis listener threads. */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService authWorkers() {
    return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("auth-worker-", 0).factory());
  }
}
