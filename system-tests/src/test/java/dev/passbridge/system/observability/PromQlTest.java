package dev.passbridge.system.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.system.observability.PromQl.LabelMatcher;
import dev.passbridge.system.observability.PromQl.Reference;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tokenizer behind ObservabilityIT, and proof that the check fails on a made-up metric. */
class PromQlTest {
  static final String SCRAPE =
      """
      # HELP passbridge_funnel_events_total Upgrade funnel steps
      # TYPE passbridge_funnel_events_total counter
      passbridge_funnel_events_total{detail="",platform="Chrome on macOS",step="password_login"} 3.0
      # TYPE decision_seconds histogram
      decision_seconds_bucket{outcome="eligible",le="0.025"} 1.0
      decision_seconds_bucket{outcome="eligible",le="+Inf"} 1.0
      decision_seconds_sum{outcome="eligible"} 0.004
      http_server_requests_seconds_count{application="auth-service",status="401",uri="/a\\"b"} 1.0
      """;

  @Test
  void findsMetricsButNotFunctionsKeywordsLabelsDurationsOrVariables() {
    List<Reference> found =
        PromQl.references(
            "histogram_quantile(0.99, sum by (le, outcome) (rate(decision_seconds_bucket{outcome=\"eligible\","
                + " platform=~\"$platform\"}[$__rate_interval] offset 5m)))"
                + " / on (job) group_left (instance) sum without (le) (up) > bool 0.025"
                + " and absent(other_metric) or vector(0) unless {__name__=\"named\", a!=\"b\"}"
                + " + max_over_time(x:recorded[10m:1m])");
    assertThat(found)
        .extracting(Reference::metric)
        .containsExactly("decision_seconds_bucket", "up", "other_metric", "named", "x:recorded");
    assertThat(found.get(0).matchers())
        .containsExactly(
            new LabelMatcher("outcome", "=", "eligible"),
            new LabelMatcher("platform", "=~", "$platform"));
    assertThat(found.get(0).baseName()).isEqualTo("decision_seconds");
    assertThat(found.get(3).matchers()).containsExactly(new LabelMatcher("a", "!=", "b"));
  }

  @Test
  void labelValuesVariableReadsTheMetricAndNeedsTheLabel() {
    assertThat(PromQl.variableQuery("label_values(passbridge_funnel_events_total, platform)"))
        .containsExactly(
            new Reference(
                "passbridge_funnel_events_total",
                List.of(new LabelMatcher("platform", "=~", ".+"))));
  }

  @Test
  void aDashboardWithAMadeUpMetricFails() {
    String dashboard =
        """
        {"title": "t", "panels": [
          {"type": "row", "title": "r", "panels": [
            {"title": "ok", "targets": [{"expr": "sum(rate(passbridge_funnel_events_total{step=\\"password_login\\"}[5m]))"}]},
            {"title": "made up", "targets": [{"expr": "rate(passbridge_made_up_total[5m])"}]}]},
          {"title": "histogram", "targets": [{"expr": "histogram_quantile(0.5, sum by (le) (rate(decision_seconds_bucket[5m])))"}]}
        ]}
        """;
    ExportedMetrics exported = new ExportedMetrics().add(SCRAPE);
    List<Reference> references =
        ObservabilityFiles.dashboard(dashboard).stream()
            .flatMap(e -> e.references().stream())
            .toList();
    assertThat(references)
        .extracting(Reference::metric)
        .containsExactly(
            "passbridge_funnel_events_total",
            "passbridge_made_up_total",
            "decision_seconds_bucket");
    assertThat(exported.problems(references))
        .singleElement()
        .asString()
        .startsWith("passbridge_made_up_total: not exported");
  }

  @Test
  void aFilterOnALabelOrValueTheMetricDoesNotHaveFails() {
    ExportedMetrics exported = new ExportedMetrics().add(SCRAPE);
    String rules =
        """
        groups:
          - name: g
            rules:
              - alert: WrongValue
                expr: increase(passbridge_funnel_events_total{step="passkey_typo"}[5m]) > 0
              - alert: WrongLabel
                expr: rate(http_server_requests_seconds_count{service=~"auth.*"}[5m]) > 0
              - alert: Fine
                expr: rate(http_server_requests_seconds_count{status=~"4..", uri="/a\\"b"}[5m]) > 0
              - alert: SampleOfAKnownFamilyMissing
                expr: decision_seconds_count > 0
        """;
    List<String> problems =
        exported.problems(
            ObservabilityFiles.rules(rules).stream()
                .flatMap(e -> e.references().stream())
                .toList());
    assertThat(problems).hasSize(3);
    assertThat(problems.get(0)).contains("no series with step=\"passkey_typo\"");
    assertThat(problems.get(1)).contains("no series with service");
    assertThat(problems.get(2)).contains("family decision_seconds (histogram)");
  }

  @Test
  void aMetricBornWithItsFirstEventMayBeMissingButOnlyReadByItsKnownLabels() {
    ExportedMetrics exported = new ExportedMetrics().add(SCRAPE);
    Map<String, Set<String>> born = Map.of("brakes_total", Set.of("platform"));
    List<Reference> fine =
        PromQl.references(
            "sum by (platform) (increase(brakes_total{platform=\"Android/Chrome\"}[15m])) > 0");
    List<Reference> wrongLabel = PromQl.references("increase(brakes_total{os=\"Android\"}[15m])");
    List<Reference> notListed = PromQl.references("increase(other_brakes_total[15m])");
    assertThat(exported.problem(fine.getFirst(), born)).isNull();
    assertThat(exported.problem(wrongLabel.getFirst(), born))
        .contains("brakes_total: not exported");
    assertThat(exported.problem(notListed.getFirst(), born))
        .contains("other_brakes_total: not exported");
    // once exported, the usual check applies: the series must carry the filtered value
    ExportedMetrics braked =
        new ExportedMetrics()
            .add("# TYPE brakes counter\nbrakes_total{platform=\"iOS/Safari\"} 1.0\n");
    assertThat(braked.problem(fine.getFirst(), born))
        .contains("no series with platform=\"Android/Chrome\"");
  }
}
