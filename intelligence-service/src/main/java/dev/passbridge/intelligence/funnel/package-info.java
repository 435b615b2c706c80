/**
 * The upgrade funnel: decides what is counted, per day, platform and step, from the steps the other
 * features report on its own typed stream, and answers {@code GET /api/insights/funnel} from the
 * global funnel table. Owns the funnel stores.
 */
package dev.passbridge.intelligence.funnel;
