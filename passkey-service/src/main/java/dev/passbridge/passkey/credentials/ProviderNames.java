package dev.passbridge.passkey.credentials;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provider names ("iCloud Keychain", "Google Password Manager", ...) for AAGUIDs, from the
 * community list of passkey provider AAGUIDs. A bundled copy (names only) is the default; an
 * optional file replaces it and is re-read when it changes. Unknown and all-zero AAGUIDs get a
 * neutral name.
 */
public class ProviderNames {
  private static final Logger log = LoggerFactory.getLogger(ProviderNames.class);
  public static final String BUNDLED = "passkey-provider-names.json";
  private static final UUID ZERO = new UUID(0, 0);

  private final JsonMapper json;
  private final String defaultName;
  private final Path file;
  private final AtomicReference<Map<UUID, String>> names = new AtomicReference<>(Map.of());
  private volatile FileTime loadedVersion;

  public ProviderNames(JsonMapper json, String defaultName, Path file) {
    this.json = json;
    this.defaultName = defaultName;
    this.file = file;
    try (InputStream in = ProviderNames.class.getClassLoader().getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("bundled " + BUNDLED + " is missing");
      }
      names.set(parse(json.readTree(in)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled " + BUNDLED, e);
    }
    reloadIfChanged();
  }

  public String nameOf(UUID aaguid) {
    if (aaguid == null || ZERO.equals(aaguid)) {
      return defaultName;
    }
    return names.get().getOrDefault(aaguid, defaultName);
  }

  public int size() {
    return names.get().size();
  }

  /** Re-reads the configured file if it changed; keeps the current names if it is unreadable. */
  public void reloadIfChanged() {
    if (file == null) {
      return;
    }
    try {
      if (!Files.isReadable(file)) {
        log.warn("provider names file {} is not readable; keeping the current names", file);
        return;
      }
      FileTime modified = Files.getLastModifiedTime(file);
      if (modified.equals(loadedVersion)) {
        return;
      }
      Map<UUID, String> fresh = parse(json.readTree(file.toFile()));
      if (fresh.isEmpty()) {
        log.warn("provider names file {} lists no providers; keeping the current names", file);
        return;
      }
      names.set(fresh);
      loadedVersion = modified;
      log.info("loaded {} passkey provider names from {}", fresh.size(), file);
    } catch (RuntimeException | IOException e) {
      log.warn("cannot read provider names file {}: {}", file, e.toString());
    }
  }

  /**
   * Accepts the bundled shape {@code {"providers": {"<aaguid>": "name"}}} and the community list's
   * own shape {@code {"<aaguid>": {"name": "...", "icon_dark": ...}}}.
   */
  static Map<UUID, String> parse(JsonNode root) {
    JsonNode providers = root.has("providers") ? root.get("providers") : root;
    Map<UUID, String> result = new HashMap<>();
    for (Map.Entry<String, JsonNode> entry : providers.properties()) {
      Optional<UUID> aaguid = uuid(entry.getKey());
      JsonNode value = entry.getValue();
      String name =
          value.isString()
              ? value.asString()
              : value.has("name") && value.get("name").isString()
                  ? value.get("name").asString()
                  : null;
      if (aaguid.isPresent() && name != null && !name.isBlank()) {
        result.put(aaguid.get(), name.strip());
      }
    }
    return Map.copyOf(result);
  }

  private static Optional<UUID> uuid(String text) {
    try {
      return Optional.of(UUID.fromString(text.toLowerCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
