package dev.passbridge.intelligence.funnel.internal;

import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.funnel.FunnelReport;
import dev.passbridge.intelligence.funnel.FunnelStores;
import dev.passbridge.intelligence.internal.StreamsAccess;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Reads the funnel from this instance's global funnel table, which holds every instance's counts:
 * one range scan over {@code from|…} to {@code to|…}.
 */
public class FunnelQuery {
  private final StreamsAccess streams;

  public FunnelQuery(StreamsAccess streams) {
    this.streams = streams;
  }

  public FunnelReport report(LocalDate from, LocalDate to) {
    return report(from, to, null);
  }

  /** The report counting only {@code source}'s logins (null: all). */
  public FunnelReport report(LocalDate from, LocalDate to, LoginSource source) {
    Map<FunnelKey, Long> counters =
        streams.<Long, Map<FunnelKey, Long>>read(
            FunnelStores.GLOBAL,
            store -> {
              Map<FunnelKey, Long> entries = new LinkedHashMap<>();
              try (KeyValueIterator<String, Long> it =
                  store.range(FunnelKey.firstOf(from), FunnelKey.lastOf(to))) {
                while (it.hasNext()) {
                  KeyValue<String, Long> entry = it.next();
                  if (entry.value != null) {
                    // counters stored under platform names from before the fixed list decode to
                    // the same key as today's (Linux/Probe and Linux/Other are Linux/Other): summed
                    add(entries, entry.key, entry.value);
                  }
                }
              }
              return entries;
            });
    return FunnelReport.of(from, to, counters, source);
  }

  /** Adds a stored counter; two stored keys may decode to one key, and then they are summed. */
  static void add(Map<FunnelKey, Long> entries, String storedKey, long value) {
    entries.merge(FunnelKey.decode(storedKey), value, Long::sum);
  }
}
