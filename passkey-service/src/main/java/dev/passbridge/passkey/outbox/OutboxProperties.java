package dev.passbridge.passkey.outbox;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.passkey.outbox.*}: how the outbox sends again what Kafka refused.
 *
 * @param resubmitEvery how often the publications whose send failed (a broker away longer than the
 *     producer waits) are sent again, by every instance, while it runs; at least a second
 */
@Validated
@ConfigurationProperties("passbridge.passkey.outbox")
public record OutboxProperties(
    @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration resubmitEvery) {}
