/**
 * The Kafka Streams runtime: configuration, health, dead letters, state-store building blocks and
 * interactive queries. Decides nothing and knows no feature.
 */
package dev.passbridge.intelligence.streams;
