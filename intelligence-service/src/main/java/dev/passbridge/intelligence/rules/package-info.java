/**
 * The decision rules, plain Java (no Spring, Kafka or Jackson): decides, for one login and one
 * profile, eligible (conditional or prompt) or skipped with a reason, and keeps the trace. Also the
 * rules' settings and their ranges.
 */
package dev.passbridge.intelligence.rules;
