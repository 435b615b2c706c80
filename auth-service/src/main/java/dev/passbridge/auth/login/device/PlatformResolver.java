package dev.passbridge.auth.login.device;

import dev.passbridge.contracts.events.Platform;
import java.util.Map;

/** Reads the client platform (OS, browser, versions, device class) from the browser's signals. */
public interface PlatformResolver {

  /**
   * @param userAgent the User-Agent header, may be null
   * @param hints User-Agent client hints keyed by lower-case header name ({@link ClientHints})
   */
  Platform resolve(String userAgent, Map<String, String> hints);
}
