package dev.passbridge.intelligence.brake;

import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.contracts.events.RulesChanged;
import dev.passbridge.intelligence.rules.PlatformView;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.intelligence.rules.RulesConfig.PlatformRollout;
import dev.passbridge.intelligence.settings.RulesChange;
import dev.passbridge.intelligence.settings.RulesSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the brake does when a platform's window passes the threshold: conditional create off on that
 * platform ({@code conditionalPercent} 0 in its own {@code platformRollouts} row; a row is added in
 * front when the platform had none or shared a {@code *} row, keeping that row's {@code percent},
 * and a row of the platform's own that the wider one shadowed goes), as an audited change by
 * {@value #CHANGED_BY}. Nothing when it is off already, or when the rules hold {@value #MAX_ROWS}
 * rows already and the platform has none of its own to change.
 *
 * <p>Off rather than halved: a failing silent create costs the user nothing visible but wastes the
 * upgrade of everyone in the rollout, and halving would need several rounds (each with a fresh
 * sample) to stop a platform that is simply broken. The prompt stays, so users still get an
 * upgrade. Only a person raises it again ({@code PUT /api/insights/rules}); the brake never does.
 */
public final class RolloutBrake {
  private RolloutBrake() {}

  public static final String CHANGED_BY = "automatic-brake";

  /** The rules' limit of {@code platformRollouts} rows. */
  static final int MAX_ROWS = 200;

  /** The audit event's limit for a reason. */
  static final int MAX_REASON = 512;

  /** The change to make, or null when conditional create is off on the platform already. */
  public static @Nullable RulesChange brake(
      RulesSnapshot current,
      BrakeSignal signal,
      FailureWindow window,
      BrakeSettings settings,
      Instant at) {
    RulesConfig rules = current.rules();
    PlatformView platform = PlatformView.of(signal.platform(), rules);
    PlatformRollout row = rules.rolloutFor(platform);
    if (row.conditionalPercent() == 0) {
      return null;
    }
    List<PlatformRollout> rows = new ArrayList<>(rules.platformRollouts());
    int index = rows.indexOf(row);
    boolean own =
        index >= 0
            && row.os().trim().equalsIgnoreCase(platform.os())
            && row.browser().trim().equalsIgnoreCase(platform.browser());
    PlatformRollout braked =
        new PlatformRollout(platform.os(), platform.browser(), row.percent(), 0);
    if (own) {
      rows.set(index, new PlatformRollout(row.os(), row.browser(), row.percent(), 0));
    } else {
      // a row of the platform's own further down is shadowed by the one that matched: it goes, or
      // the rules would name the platform twice, which they refuse (a restart then fell back to the
      // configuration file's rules, the administrator's kill switches with them)
      rows.removeIf(
          r ->
              r.os().trim().equalsIgnoreCase(platform.os())
                  && r.browser().trim().equalsIgnoreCase(platform.browser()));
      if (rows.size() >= MAX_ROWS) {
        return null; // no room for a row of its own: the rules stay valid, the brake does nothing
      }
      rows.addFirst(braked);
    }
    String reason =
        "automatic brake: silent create on "
            + signal.platform().os()
            + "/"
            + signal.platform().browser()
            + " "
            + signal.browserMajor()
            + ": "
            + window.describe(settings)
            + "; conditional rollout of "
            + platform.os()
            + "/"
            + platform.browser()
            + " lowered from "
            + row.conditionalPercent()
            + "% to 0%";
    if (reason.length() > MAX_REASON) {
      reason = reason.substring(0, MAX_REASON - 3) + "...";
    }
    return RulesChange.of(
        current,
        rules.withPlatformRollouts(rows),
        false,
        RulesChanged.AUTOMATIC,
        CHANGED_BY,
        RulesChanged.AUTOMATIC_BRAKE,
        reason,
        at);
  }
}
