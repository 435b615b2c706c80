/**
 * Whole user journeys against a running Passbridge, shared by {@code reliability-tests} and {@code
 * production-tests}.
 *
 * <ul>
 *   <li>{@link dev.passbridge.journeysupport.Flow}: one user's journey as a patient browser
 *       performs it (sign-up, password + SMS code, session, silent passkey creation with a software
 *       authenticator, passkey login), classifying every answer as completed, retryable or unclear;
 *   <li>{@link dev.passbridge.journeysupport.Load}: simulated browsers running flows continuously;
 *   <li>{@link dev.passbridge.journeysupport.Clients}: simulated browsers (one client address each)
 *       and their users;
 *   <li>{@link dev.passbridge.journeysupport.Ledger}: what the system acknowledged, and so promised
 *       as events and SMS;
 *   <li>{@link dev.passbridge.journeysupport.EventCheck} and {@link
 *       dev.passbridge.journeysupport.Capture}: the spine events read back from Kafka (assigned
 *       partitions), lost and duplicated ones counted against the ledger;
 *   <li>{@link dev.passbridge.journeysupport.HealthProbe}: a separately started instance's health
 *       or readiness endpoint.
 * </ul>
 */
package dev.passbridge.journeysupport;
