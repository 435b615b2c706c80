package dev.passbridge.intelligence.login.internal;

/**
 * A login that got its decision.
 *
 * @param outcome {@code CONDITIONAL}, {@code PROMPT} or the skip reason
 * @param platformLabel the login's platform, e.g. {@code iOS/Safari}: lets later events without a
 *     platform (a failure, a created passkey) be attributed in the funnel and the cooldowns
 * @param decidedAt wall-clock ms of the decision
 */
public record DecidedLogin(String outcome, String platformLabel, long decidedAt) {}
