/**
 * The one Kafka setup of every servlet service (docs/architecture.md §3, §7): idempotent producer
 * with {@code acks=all}, topics and dead-letter topics from the contracts' constants, retries then
 * DLT, trace and CloudEvents headers, the Kafka health indicator.
 */
package dev.passbridge.platform.kafka;
