package dev.passbridge.intelligence;

import dev.passbridge.intelligence.brake.BrakeSettings;
import dev.passbridge.intelligence.decision.DecisionSettings;
import dev.passbridge.intelligence.login.LoginSettings;
import dev.passbridge.intelligence.rules.RulesConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.intelligence.*}: the decision topology and its Kafka Streams runtime. The rules
 * themselves ({@code passbridge.intelligence.rules.*}) are the starting rules; an admin can replace
 * them at runtime ({@code PUT /api/insights/rules}).
 *
 * @param joinWindow how long after the password an OtpVerified still joins its login
 * @param timeoutGrace wall-clock grace before a login times out on a partition without traffic
 * @param punctuateInterval how often timed-out logins and old decided marks are swept, and the
 *     funnel's pending sums sent
 * @param decidedRetention how long decided logins are remembered (no second decision within it)
 * @param stateDir Kafka Streams state directory: unique per instance on a host
 * @param applicationId Kafka Streams application id (consumer group, internal topic prefix); empty
 *     means {@code spring.application.name}
 * @param rulesTopic compacted topic holding the rules an admin set
 * @param funnelTopic compacted topic holding the funnel counts
 * @param instanceId this instance's static group membership id ({@code group.instance.id}): a
 *     restarted instance takes its partitions back at once and a stopped one hands them over at
 *     once, instead of after the 45 s session timeout; must be unique among running instances and
 *     stable across restarts; empty means {@code <host name>-<server.port>}, {@code none} turns
 *     static membership off
 * @param streamThreads Kafka Streams threads of this instance
 * @param processingGuarantee {@code at_least_once} (decisions in milliseconds; the decided-login
 *     store gives one decision per login) or {@code exactly_once_v2} (decisions visible only after
 *     each commit)
 * @param rulesApplyTimeout how long {@code PUT /api/insights/rules} waits to see its change applied
 * @param funnelMaxDays longest date range one funnel query may ask for
 * @param rules the starting rules (defaults: {@link RulesConfig#defaults()})
 * @param brake when the automatic rollout brake acts (defaults: {@link BrakeSettings#defaults()})
 */
@Validated
@ConfigurationProperties("passbridge.intelligence")
public record IntelligenceProperties(
    @DefaultValue("10m") @NotNull Duration joinWindow,
    @DefaultValue("30s") @NotNull Duration timeoutGrace,
    @DefaultValue("1s") @NotNull Duration punctuateInterval,
    @DefaultValue("7d") @NotNull Duration decidedRetention,
    @NotBlank String stateDir,
    @DefaultValue("") String applicationId,
    @DefaultValue("intelligence-service-rules") @NotBlank String rulesTopic,
    @DefaultValue("intelligence-service-funnel") @NotBlank String funnelTopic,
    @DefaultValue("") String instanceId,
    @DefaultValue("1") @Min(1) @Max(32) int streamThreads,
    @DefaultValue("at_least_once") @Pattern(regexp = "at_least_once|exactly_once_v2")
        String processingGuarantee,
    @DefaultValue("5s") @NotNull Duration rulesApplyTimeout,
    @DefaultValue("366") @Min(1) @Max(3660) int funnelMaxDays,
    @Valid RulesConfig rules,
    @Valid BrakeSettings brake) {

  public IntelligenceProperties {
    rules = rules == null ? RulesConfig.defaults() : rules;
    brake = brake == null ? BrakeSettings.defaults() : brake;
  }

  public DecisionSettings decisionSettings() {
    return new DecisionSettings(
        joinWindow, timeoutGrace, punctuateInterval, decidedRetention, rulesTopic, funnelTopic);
  }

  /** The login join's part of {@link #decisionSettings()} (validated with it). */
  public LoginSettings loginSettings() {
    return decisionSettings().login();
  }
}
