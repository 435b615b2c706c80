/**
 * The upgrade decision: decides, once per joined login, whether the browser creates a passkey
 * silently, shows a prompt or does nothing, by running the rules in force on the login and the
 * user's profile; emits PasskeyEligible or PasskeyUpgradeSkipped with a deterministic event id.
 * Also composes the topology from the other features' parts ({@code internal.DecisionTopology}).
 */
package dev.passbridge.intelligence.decision;
