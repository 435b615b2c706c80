package dev.passbridge.auth.login.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientHintsTest {

  @Test
  void turnsUserAgentDataIntoHeaderShapedHints() {
    Map<String, Object> js = new HashMap<>();
    js.put("platform", "Windows");
    js.put("platformVersion", "15.0.0");
    js.put("mobile", false);
    js.put("model", "");
    js.put(
        "fullVersionList",
        List.of(
            Map.of("brand", "Chromium", "version", "136.0.7103.48"),
            Map.of("brand", "Google Chrome", "version", "136.0.7103.48")));

    Map<String, String> hints = ClientHints.merge(Map.of(), js);

    assertThat(hints)
        .containsEntry("sec-ch-ua-platform", "\"Windows\"")
        .containsEntry("sec-ch-ua-platform-version", "\"15.0.0\"")
        .containsEntry("sec-ch-ua-mobile", "?0")
        .containsEntry("sec-ch-ua-model", "\"\"")
        .containsEntry(
            "sec-ch-ua-full-version-list",
            "\"Chromium\";v=\"136.0.7103.48\", \"Google Chrome\";v=\"136.0.7103.48\"");
  }

  @Test
  void bodyHintsOverrideHeaderHints() {
    Map<String, String> hints =
        ClientHints.merge(
            Map.of("Sec-CH-UA-Platform-Version", "\"10.0.0\"", "Sec-CH-UA-Mobile", "?0"),
            Map.of("platformVersion", "15.0.0"));

    assertThat(hints)
        .containsEntry("sec-ch-ua-platform-version", "\"15.0.0\"")
        .containsEntry("sec-ch-ua-mobile", "?0");
  }

  @Test
  void ignoresOtherHeadersUnknownKeysAndOversizedValues() {
    Map<String, String> hints =
        ClientHints.merge(
            Map.of("Cookie", "secret", "Sec-CH-UA-Arch", "\"x86\""),
            Map.of("favouriteColour", "blue", "model", "x".repeat(600)));

    assertThat(hints).containsOnlyKeys("sec-ch-ua-arch");
  }

  @Test
  void keepsAtMostSixteenHints() {
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      many.put("Sec-CH-UA-Made-Up-" + i, "\"v\"");
    }
    assertThat(ClientHints.merge(many, Map.of())).hasSize(ClientHints.MAX_HINTS);
  }

  @Test
  void canonicalHeaderNamesForYauaa() {
    assertThat(ClientHints.canonicalName("sec-ch-ua-platform-version"))
        .isEqualTo("Sec-CH-UA-Platform-Version");
  }
}
