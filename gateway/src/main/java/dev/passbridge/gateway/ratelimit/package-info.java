/**
 * Per-client-IP rate limits on the endpoints an attacker hammers (GCRA in Redis, one Lua script):
 * which requests count under which rule, 429 with Retry-After, and what happens when Redis cannot
 * answer ({@code fail-open}).
 */
package dev.passbridge.gateway.ratelimit;
