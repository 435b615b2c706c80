package dev.passbridge.platform.kafka;

import dev.passbridge.contracts.topics.Topics;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.kafka.*}: topic layout and consumer retry policy shared by every service.
 *
 * @param partitions partitions of every Passbridge topic and its dead-letter topic
 * @param replicationFactor 1 locally, 3 in production
 * @param minInsyncReplicas {@code min.insync.replicas} of the topics (2 in production); 0 leaves
 *     the broker default
 * @param createTopics create missing topics at start-up (off where a platform team owns topics)
 * @param retention {@code retention.ms} of the topics a service creates: how long its events are
 *     kept, some with personal data (README, "Personal data"). Seven days, Kafka's own default,
 *     stated here so that it is a decision and can be shortened (at least a minute); a topic that
 *     exists already keeps its own setting; the rules' audit trail is kept for good
 * @param retryAttempts redeliveries of a failing record before it goes to the dead-letter topic
 * @param retryInitialInterval first backoff; doubles up to {@code retryMaxInterval}
 * @param retryMaxInterval longest backoff between redeliveries
 * @param publishTimeout how long a request waits for the broker to acknowledge its event
 * @param commitInterval how often a listener commits the offsets of the records it has handled (100
 *     ms by default; commits happen between polls, so at an idle moment a little later): one commit
 *     per interval instead of a synchronous commit after every record, which cost a passkey login
 *     about 6 ms of CPU and made each listener wait for the coordinator between two records
 *     (measured: the README's Benchmarks, round 3). After a crash the records since the last commit
 *     are delivered again, which every listener tolerates: each is idempotent, as at-least-once
 *     delivery already requires. 0 commits after every record.
 */
@Validated
@ConfigurationProperties("passbridge.kafka")
public record PassbridgeKafkaProperties(
    @DefaultValue("" + Topics.DEFAULT_PARTITIONS) @Min(1) int partitions,
    @DefaultValue("1") @Min(1) @Max(7) short replicationFactor,
    @DefaultValue("0") @Min(0) int minInsyncReplicas,
    @DefaultValue("true") boolean createTopics,
    @DefaultValue("7d") @NotNull @org.hibernate.validator.constraints.time.DurationMin(minutes = 1)
        Duration retention,
    @DefaultValue("3") @Min(0) int retryAttempts,
    @DefaultValue("200ms") @NotNull Duration retryInitialInterval,
    @DefaultValue("2s") @NotNull Duration retryMaxInterval,
    @DefaultValue("5s") @NotNull Duration publishTimeout,
    @DefaultValue("100ms") @NotNull Duration commitInterval) {}
