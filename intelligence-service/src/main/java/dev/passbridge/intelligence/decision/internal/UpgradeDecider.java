package dev.passbridge.intelligence.decision.internal;

import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.intelligence.decision.DecisionEventId;
import dev.passbridge.intelligence.funnel.FunnelMetrics;
import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.login.DecidedLogins;
import dev.passbridge.intelligence.login.LoginStep;
import dev.passbridge.intelligence.login.PasswordLogin;
import dev.passbridge.intelligence.profile.Profiles;
import dev.passbridge.intelligence.rules.Decision;
import dev.passbridge.intelligence.rules.DecisionEngine;
import dev.passbridge.intelligence.rules.DecisionInput;
import dev.passbridge.intelligence.rules.LoginFacts;
import dev.passbridge.intelligence.rules.PasskeyProfile;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.intelligence.settings.RulesInForce;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upgrade decision for each joined login: runs the rules in force on the login and the user's
 * passkey profile, forwards exactly one PasskeyEligible or PasskeyUpgradeSkipped with a
 * deterministic event id, records a prompt in the profile and marks the login decided.
 *
 * <p>The decision is forwarded before its decided mark is written: if the instance dies between the
 * two, the login is decided again after the restart with the same event id, which consumers
 * deduplicate; the opposite order could lose the decision.
 */
final class UpgradeDecider implements Processor<String, LoginStep, String, Decided> {
  private static final Logger log = LoggerFactory.getLogger(UpgradeDecider.class);

  private final DecisionEngine engine;
  private final StoreView<RulesInForce> rulesView;
  private final StoreView<Profiles> profilesView;
  private final StoreView<DecidedLogins> decidedView;
  private final Clock clock;
  private final FunnelMetrics metrics;

  private ProcessorContext<String, Decided> context;
  private Profiles profiles;
  private DecidedLogins decided;
  private RulesInForce rules;

  UpgradeDecider(
      DecisionEngine engine,
      StoreView<RulesInForce> rulesView,
      StoreView<Profiles> profilesView,
      StoreView<DecidedLogins> decidedView,
      Clock clock,
      FunnelMetrics metrics) {
    this.engine = engine;
    this.rulesView = rulesView;
    this.profilesView = profilesView;
    this.decidedView = decidedView;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Decided> context) {
    this.context = context;
    this.profiles = profilesView.open(context);
    this.decided = decidedView.open(context);
    this.rules = rulesView.open(context);
  }

  @Override
  public void process(Record<String, LoginStep> record) {
    LoginStep step = record.value();
    if (step == null || !step.joined()) {
      return;
    }
    PasswordLogin login = step.login();
    Instant now = step.at();
    String userKey = login.userId().toString();
    PasskeyProfile profile = profiles.of(userKey);
    RulesConfig config = rules.current();
    LoginFacts facts =
        new LoginFacts(
            login.userId(),
            login.loginId(),
            step.secondFactor(),
            login.autofilled(),
            login.capabilities(),
            login.platform());
    Decision decision = engine.decide(new DecisionInput(facts, profile, now), config);
    context.forward(
        new Record<>(
            userKey,
            decided(login, decision, now),
            record.timestamp(),
            new RecordHeaders(record.headers().toArray())));
    if (decision instanceof Decision.Eligible e && e.mode() == UpgradeMode.PROMPT) {
      profiles.put(userKey, profile.withPromptShown(now, config));
    }
    decided.mark(
        login.loginId(),
        decision.outcome(),
        login.platform().label(),
        context.currentSystemTimeMs());
    log.info(
        "login {} of user {} decided: {}", login.loginId(), login.userId(), decision.outcome());
    if (step.secondFactorTimestamp() != null) {
      metrics.decisionLatency(
          decision.outcome(),
          Math.max(0, context.currentSystemTimeMs() - step.secondFactorTimestamp()));
    }
  }

  private Decided decided(PasswordLogin login, Decision decision, Instant now) {
    UUID eventId = DecisionEventId.decisionEventId(login.loginId());
    Instant at = clock.instant();
    String platform = login.platform().label();
    return switch (decision) {
      case Decision.Eligible eligible ->
          new Decided(
              new PasskeyEligible(
                  eventId,
                  at,
                  login.userId(),
                  login.loginId(),
                  eligible.mode(),
                  eligible.trace(),
                  login.username(),
                  login.displayName(),
                  login.userHandle(),
                  login.platform(),
                  login.source(),
                  login.clientId(),
                  login.externalUserId(),
                  login.tenant()),
              null,
              decision.outcome(),
              platform,
              now);
      case Decision.Skipped skipped ->
          new Decided(
              null,
              new PasskeyUpgradeSkipped(
                  eventId,
                  at,
                  login.userId(),
                  login.loginId(),
                  skipped.reason(),
                  skipped.trace(),
                  login.platform(),
                  login.source(),
                  login.clientId()),
              decision.outcome(),
              platform,
              now);
    };
  }
}
