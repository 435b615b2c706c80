package dev.passbridge.examples.shop.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.passbridge.examples.shop.users.ShopUser;
import dev.passbridge.examples.shop.users.ShopUsers;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import tools.jackson.databind.ObjectMapper;

/**
 * {@link DeletedAccountFilter} on its own: what the HTTP tests cannot see, that an anonymous
 * request asks the database nothing, and that the ended session is invalidated.
 */
class DeletedAccountFilterTest {
  static final ShopPrincipal CAROL = new ShopPrincipal("u-1", "carol@shop.example", "Carol");

  final ShopUsers users = mock(ShopUsers.class);
  final DeletedAccountFilter filter =
      new DeletedAccountFilter(
          users,
          new HttpSessionSecurityContextRepository(),
          new HttpSessionCsrfTokenRepository(),
          new ObjectMapper());

  @AfterEach
  void clear() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void anAnonymousRequestIsNotChecked() throws Exception {
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(
        new MockHttpServletRequest("GET", "/account"), new MockHttpServletResponse(), chain);
    assertThat(chain.getRequest()).as("passed on").isNotNull();

    SecurityContextHolder.setContext(
        new SecurityContextImpl(
            new AnonymousAuthenticationToken(
                "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))));
    MockFilterChain second = new MockFilterChain();
    filter.doFilter(new MockHttpServletRequest("GET", "/"), new MockHttpServletResponse(), second);
    assertThat(second.getRequest()).isNotNull();

    verify(users, never()).byId(anyString());
  }

  @Test
  void aCustomerWhoExistsGoesOn() throws Exception {
    when(users.byId("u-1"))
        .thenReturn(Optional.of(new ShopUser("u-1", CAROL.email(), "Carol", "hash")));
    logIn(ShopSignIn.PASSWORD_STEP);
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/second-factor");
    MockHttpSession session = new MockHttpSession();
    request.setSession(session);
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, new MockHttpServletResponse(), chain);

    assertThat(chain.getRequest()).isNotNull();
    assertThat(session.isInvalid()).isFalse();
    verify(users).byId("u-1");
  }

  @Test
  void theSessionOfADeletedCustomerEnds() throws Exception {
    when(users.byId("u-1")).thenReturn(Optional.empty());
    logIn("ROLE_USER");
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/account");
    MockHttpSession session = new MockHttpSession();
    request.setSession(session);
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, response, chain);

    assertThat(chain.getRequest()).as("not passed on").isNull();
    assertThat(session.isInvalid()).isTrue();
    assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    assertThat(response.getRedirectedUrl()).isEqualTo("/login?gone");
  }

  private static void logIn(String authority) {
    SecurityContextHolder.setContext(
        new SecurityContextImpl(
            UsernamePasswordAuthenticationToken.authenticated(
                CAROL, null, List.of(new SimpleGrantedAuthority(authority)))));
  }
}
