/**
 * The service-wide Kafka Streams runtime and wiring: configuration, health, dead letters,
 * state-store building blocks, interactive queries, and the interfaces through which one feature
 * composes another's Kafka Streams parts ({@link
 * dev.passbridge.intelligence.internal.TopologyStep}, {@link
 * dev.passbridge.intelligence.internal.TopologySink}, {@link
 * dev.passbridge.intelligence.internal.StoreView}) without reaching into its {@code internal}
 * package. Decides nothing and knows no feature.
 */
package dev.passbridge.intelligence.internal;
