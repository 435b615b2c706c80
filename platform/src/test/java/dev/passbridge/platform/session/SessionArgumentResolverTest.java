package dev.passbridge.platform.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.passbridge.platform.core.session.RevocationCheckUnavailableException;
import dev.passbridge.platform.core.session.Session;
import dev.passbridge.platform.core.session.SessionVerifier;
import dev.passbridge.platform.web.ProblemException;
import dev.passbridge.testsupport.SessionTokens;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/** The servlet adapter over the core's session check: 401 without, 503 when revocations fail. */
class SessionArgumentResolverTest {
  private static final ECKey KEY = SessionTokens.newKey("k1");
  private boolean storeDown;
  private final SessionVerifier verifier =
      new SessionVerifier(
          new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())),
          SessionTokens.ISSUER,
          Clock.systemUTC(),
          sid -> {
            if (storeDown) {
              throw new RevocationCheckUnavailableException("down", new RuntimeException("x"));
            }
            return false;
          });
  private final SessionArgumentResolver resolver =
      new SessionArgumentResolver(verifier, "pb_session");

  @Test
  void resolvesTheCookiesSessionAndRefusesAMissingOneWith401() throws Exception {
    UUID userId = UUID.randomUUID();
    String token = SessionTokens.session(KEY, userId, "login-1", List.of("user"));
    MethodParameter parameter = parameter();
    assertThat(resolver.supportsParameter(parameter)).isTrue();
    Object session = resolver.resolveArgument(parameter, null, withCookie(token), null);
    assertThat(((Session) session).userId()).isEqualTo(userId);
    assertThatThrownBy(() -> resolver.resolveArgument(parameter, null, withCookie("x.y.z"), null))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.problem().getStatus()).isEqualTo(401));
  }

  @Test
  void anUnreadableStoreFailsClosedWith503() throws Exception {
    storeDown = true;
    String token = SessionTokens.session(KEY, UUID.randomUUID(), "login-3", List.of("user"));
    MethodParameter parameter = parameter();
    assertThatThrownBy(() -> resolver.resolveArgument(parameter, null, withCookie(token), null))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().getStatus()).isEqualTo(503);
              assertThat(e.retryAfter()).isNotNull();
            });
  }

  private static ServletWebRequest withCookie(String token) {
    var request = new MockHttpServletRequest("GET", "/api/passkeys");
    request.setCookies(new jakarta.servlet.http.Cookie("pb_session", token));
    return new ServletWebRequest(request);
  }

  private static MethodParameter parameter() throws NoSuchMethodException {
    Method handler = Handler.class.getDeclaredMethod("list", Session.class);
    return new MethodParameter(handler, 0);
  }

  static class Handler {
    void list(@CurrentSession Session session) {}
  }
}
