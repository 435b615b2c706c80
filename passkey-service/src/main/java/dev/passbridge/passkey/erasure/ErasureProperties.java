package dev.passbridge.passkey.erasure;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.passkey.erasure.*}: how long an erased user's tombstone is kept. Validated at
 * start-up.
 *
 * @param tombstoneRetention how long a registration for an erased user is refused after the erasure
 *     (a tombstone older than this is removed by the next erasure). It must outlast every ceremony
 *     and connect token issued before the erasure (minutes) and the lag of a late upgrade decision;
 *     at least an hour, and longer than {@code passbridge.passkey.ceremony-ttl}
 */
@Validated
@ConfigurationProperties("passbridge.passkey.erasure")
public record ErasureProperties(
    @DefaultValue("7d") @NotNull @DurationMin(hours = 1) Duration tombstoneRetention) {}
