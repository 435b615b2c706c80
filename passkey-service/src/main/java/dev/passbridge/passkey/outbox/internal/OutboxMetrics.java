package dev.passbridge.passkey.outbox.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox backlog for Prometheus, read from the event publication registry at scrape time:
 * {@code passbridge_passkey_outbox_incomplete_publications} (rows not yet completed, i.e. events
 * recorded but not yet acknowledged by Kafka) and {@code
 * passbridge_passkey_outbox_oldest_incomplete_age_seconds} (how long the oldest of them has waited;
 * 0 when there is none). NaN while the database cannot be read.
 */
final class OutboxMetrics implements MeterBinder {
  private final JdbcTemplate jdbc;
  private final Clock clock;

  OutboxMetrics(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("passbridge.passkey.outbox.incomplete.publications", this, m -> m.incomplete())
        .description("Event publications recorded but not yet completed (sent to Kafka)")
        .register(registry);
    Gauge.builder(
            "passbridge.passkey.outbox.oldest.incomplete.age", this, m -> m.oldestIncompleteAge())
        .description("Age of the oldest incomplete event publication (0 without any)")
        .baseUnit("seconds")
        .register(registry);
  }

  double incomplete() {
    try {
      Long count =
          jdbc.queryForObject(
              "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL", Long.class);
      return count == null ? 0 : count;
    } catch (DataAccessException e) {
      return Double.NaN;
    }
  }

  double oldestIncompleteAge() {
    try {
      Timestamp oldest =
          jdbc.queryForObject(
              "SELECT MIN(publication_date) FROM event_publication WHERE completion_date IS NULL",
              Timestamp.class);
      if (oldest == null) {
        return 0;
      }
      return Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0);
    } catch (DataAccessException e) {
      return Double.NaN;
    }
  }
}
