package dev.passbridge.intelligence.funnel;

/** Where the topology reports funnel steps and decision latency for Prometheus. */
public interface FunnelMetrics {
  void step(FunnelKey key);

  /**
   * Wall-clock time from the OtpVerified record's timestamp to the decision leaving the processor.
   */
  void decisionLatency(String outcome, long millis);

  FunnelMetrics NONE =
      new FunnelMetrics() {
        @Override
        public void step(FunnelKey key) {}

        @Override
        public void decisionLatency(String outcome, long millis) {}
      };
}
