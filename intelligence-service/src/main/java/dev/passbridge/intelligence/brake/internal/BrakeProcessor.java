package dev.passbridge.intelligence.brake.internal;

import dev.passbridge.intelligence.brake.BrakeMetrics;
import dev.passbridge.intelligence.brake.BrakeSettings;
import dev.passbridge.intelligence.brake.BrakeSignal;
import dev.passbridge.intelligence.brake.BrakeStores;
import dev.passbridge.intelligence.brake.FailureWindow;
import dev.passbridge.intelligence.brake.RolloutBrake;
import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.settings.ActiveRules;
import dev.passbridge.intelligence.settings.RulesChange;
import dev.passbridge.intelligence.settings.RulesInForce;
import dev.passbridge.intelligence.settings.RulesSnapshot;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a signal into its platform's window; when the window passes the threshold, brakes (see
 * {@link RolloutBrake}), forwards the change (key {@value ActiveRules#KEY}) and starts the window
 * afresh, so after a person raises the rollout again a new full sample is needed before the next
 * brake.
 *
 * <p>The rules are read from the global rules table, which lags this processor's own writes by
 * milliseconds; the last change written here is remembered, and whichever of the two has the higher
 * version is the base of the next change.
 */
final class BrakeProcessor implements Processor<String, BrakeSignal, String, RulesChange> {
  private static final Logger log = LoggerFactory.getLogger(BrakeProcessor.class);

  private final BrakeSettings settings;
  private final StoreView<RulesInForce> rulesView;
  private final Clock clock;
  private final BrakeMetrics metrics;
  private ProcessorContext<String, RulesChange> context;
  private KeyValueStore<String, FailureWindow> windows;
  private RulesInForce rules;
  private RulesSnapshot lastWritten;

  BrakeProcessor(
      BrakeSettings settings,
      StoreView<RulesInForce> rulesView,
      Clock clock,
      BrakeMetrics metrics) {
    this.settings = settings;
    this.rulesView = rulesView;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, RulesChange> context) {
    this.context = context;
    this.windows = context.getStateStore(BrakeStores.WINDOWS);
    this.rules = rulesView.open(context);
  }

  @Override
  public void process(Record<String, BrakeSignal> record) {
    BrakeSignal signal = record.value();
    if (signal == null) {
      return;
    }
    String key = signal.windowKey();
    FailureWindow before = windows.get(key);
    FailureWindow window = (before == null ? FailureWindow.empty() : before).with(signal, settings);
    if (!window.overThreshold(settings)) {
      windows.put(key, window);
      return;
    }
    RulesSnapshot current = rules.snapshot();
    if (lastWritten != null && lastWritten.version() > current.version()) {
      current = lastWritten;
    }
    RulesChange change = RolloutBrake.brake(current, signal, window, settings, clock.instant());
    windows.put(key, FailureWindow.empty());
    if (change == null) {
      return;
    }
    lastWritten = change.snapshot();
    metrics.braked(signal.platform().os() + "/" + signal.platform().browser());
    log.warn("rules version {}: {}", change.snapshot().version(), change.snapshot().reason());
    // the trace context of the failure that tipped the window over: the audit event then carries
    // it like every other event (the input's other headers describe the input, not the change)
    context.forward(
        new Record<>(ActiveRules.KEY, change, record.timestamp(), traceContext(record.headers())));
  }

  static final List<String> TRACE_HEADERS = List.of("traceparent", "tracestate");

  static Headers traceContext(Headers input) {
    Headers headers = new RecordHeaders();
    for (String name : TRACE_HEADERS) {
      Header header = input.lastHeader(name);
      if (header != null) {
        headers.add(name, header.value());
      }
    }
    return headers;
  }
}
