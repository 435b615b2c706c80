package dev.passbridge.intelligence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** Kafka Streams' RocksDB metrics of key-value and window stores, both on one Prometheus page. */
class RocksDbStoreTagTest {

  @Test
  void aWindowStoresMetricsAreExportedBesideAKeyValueStoresOfTheSameName() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(StreamsConfiguration.rocksDbStoreTag());
    String name = StreamsConfiguration.STATE_METRICS + ".number.open.files";
    Gauge.builder(name, () -> 3)
        .tags("rocksdb.state.id", "intel-profiles", "task.id", "0_0")
        .register(registry);
    Gauge.builder(name, () -> 7)
        .tags("rocksdb.window.state.id", "intel-brake-counted", "task.id", "1_0")
        .register(registry);
    Gauge.builder("kafka.stream.thread.poll.rate", () -> 1)
        .tags("rocksdb.window.state.id", "elsewhere")
        .register(registry);

    assertThat(registry.scrape())
        .contains("kafka_stream_state_number_open_files{rocksdb_state_id=\"intel-profiles\"")
        .contains("kafka_stream_state_number_open_files{rocksdb_state_id=\"intel-brake-counted\"")
        // other metrics keep their tags
        .contains("kafka_stream_thread_poll_rate{rocksdb_window_state_id=\"elsewhere\"");
  }
}
