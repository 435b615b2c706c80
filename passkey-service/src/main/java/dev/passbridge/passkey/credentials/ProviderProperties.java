package dev.passbridge.passkey.credentials;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.passkey.providers.*}: where provider names for AAGUIDs come from. Validated at
 * start-up.
 *
 * @param file an optional JSON file in the community AAGUID list format ({@code {"<aaguid>":
 *     {"name": ...}}} or {@code {"providers": {"<aaguid>": "name"}}}) that replaces the bundled
 *     names; re-read when it changes
 * @param refreshInterval how often the file is checked for changes
 * @param defaultName the name of a passkey whose AAGUID is unknown or all zero
 */
@Validated
@ConfigurationProperties("passbridge.passkey.providers")
public record ProviderProperties(
    Path file,
    @DefaultValue("5m") @NotNull Duration refreshInterval,
    @DefaultValue("Passkey") @NotBlank String defaultName) {}
