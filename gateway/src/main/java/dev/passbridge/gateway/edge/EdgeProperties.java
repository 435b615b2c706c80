package dev.passbridge.gateway.edge;

import dev.passbridge.platform.core.edge.BrowserOrigins;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.web.*}: the same names the services use for their own edge rules (platform's
 * {@code PassbridgeWebProperties}), so one setting configures both layers.
 *
 * @param allowedOrigins origins allowed on state-changing requests (CSRF defence next to
 *     SameSite=Strict cookies, docs/architecture.md §4); exact match of scheme, host and port
 * @param originCheck switch the Origin check off only in tests of other concerns
 * @param maxRequestSize larger request bodies are refused with 413 (also streamed ones)
 */
@Validated
@ConfigurationProperties("passbridge.web")
public record EdgeProperties(
    @DefaultValue("http://localhost:8080") @NotEmpty List<String> allowedOrigins,
    @DefaultValue("true") boolean originCheck,
    @DefaultValue("64KB") DataSize maxRequestSize) {

  public EdgeProperties {
    // as a browser writes them, or the start stops: an exact match never equals another spelling
    allowedOrigins = BrowserOrigins.require("passbridge.web.allowed-origins", allowedOrigins);
  }
}
