package dev.passbridge.platform.core.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A configured origin must be one a browser could send, since every comparison is exact. */
class BrowserOriginsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://login.example.com",
        "http://localhost:8080",
        "https://login.example.com:8443",
        "http://login.example.com:443",
        "https://[::1]:8443"
      })
  void originsAsABrowserSendsThem(String origin) {
    assertThat(BrowserOrigins.isBrowserOrigin(origin)).isTrue();
    assertThat(BrowserOrigins.require("p", List.of(origin))).containsExactly(origin);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://login.example.com:443",
        "http://localhost:80",
        "https://login.example.com/",
        "https://login.example.com/login",
        "https://Login.example.com",
        "https://login.example.com:",
        "http://localhost:08080",
        "https://user@login.example.com",
        "login.example.com",
        "ftp://login.example.com",
        "null",
        " "
      })
  void spellingsABrowserNeverSendsStopTheStart(String origin) {
    assertThat(BrowserOrigins.isBrowserOrigin(origin)).isFalse();
    assertThatThrownBy(
            () -> BrowserOrigins.require("passbridge.web.allowed-origins", List.of(origin)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("passbridge.web.allowed-origins")
        .hasMessageContaining("not an origin as a browser sends it");
  }
}
