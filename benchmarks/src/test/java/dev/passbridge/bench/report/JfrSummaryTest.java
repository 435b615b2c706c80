package dev.passbridge.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JfrSummaryTest {

  @Test
  void threadsAreGroupedByTheComponentThatOwnsThem() {
    assertThat(JfrSummary.threadGroup("reactor-http-epoll-2")).startsWith("gateway");
    assertThat(JfrSummary.threadGroup("kafka-producer-network-thread | producer-3"))
        .startsWith("Kafka producers");
    assertThat(JfrSummary.threadGroup("data-plane-kafka-request-handler-4"))
        .isEqualTo("Kafka broker");
    assertThat(JfrSummary.threadGroup("intelligence-service-a1b2-StreamThread-1"))
        .startsWith("intelligence-service");
    assertThat(JfrSummary.threadGroup("lettuce-epollEventLoop-5-1")).startsWith("Redis client");
    assertThat(JfrSummary.threadGroup("http-nio-8081-exec-3")).isEqualTo("Tomcat port 8081");
  }
}
