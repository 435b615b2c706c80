/**
 * The rollout that brakes itself: measures the silent-create failure rate ({@code
 * PasskeyUpgradeFailed} of mode {@code CONDITIONAL} against {@code PasskeyEligible{CONDITIONAL}})
 * per platform and browser major version over a sliding window, each user counted once per platform
 * and window, and when it passes the threshold turns conditional create off on that platform
 * ({@code conditionalPercent} 0) as an audited rules change whose reason carries the measured
 * numbers. Only a person raises it again. Owns the store of the windows and the brake's repartition
 * topic.
 */
package dev.passbridge.intelligence.brake;
