/**
 * Fixed-window rate limits: the decision for a counter ({@link
 * dev.passbridge.auth.ratelimit.RateLimit}, plain Java) and the port to the shared counters ({@link
 * dev.passbridge.auth.ratelimit.RateCounters}); Redis is in {@code internal}. Which counters a
 * login uses is decided by the login limits.
 */
package dev.passbridge.auth.ratelimit;
