package dev.passbridge.examples.shop.login;

import dev.passbridge.examples.shop.passbridge.PassbridgeProperties;
import dev.passbridge.examples.shop.users.ShopUsers;
import java.time.Clock;
import java.util.LinkedHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.DelegatingAccessDeniedHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import tools.jackson.databind.ObjectMapper;

/**
 * The shop's own login: Spring Security's form login for the password, then the shop's second
 * factor ({@link SecondFactorCodes}), all in the servlet session. The passkey login ({@code POST
 * /login/passkey}) verifies Passbridge's login result and then logs in the same way. A strict CSP:
 * scripts, styles and API calls only from the shop itself and Passbridge (the SDK).
 *
 * <p>Many tabs share one session: a form from a page whose session changed in another tab has a
 * CSRF token the session no longer has, and {@link StalePageHandler} sends it to the page that fits
 * with a message (not Spring's bare 403). Every login step (password, code, passkey) gets a new
 * token ({@link ShopSignIn}, over the same {@link CsrfTokenRepository} as the CSRF filter). A
 * logout needs no CSRF token: it logs out whatever the page's age (README "Stale pages"). Other
 * denials are the shop's error page ({@code error.html}).
 *
 * <p>A session whose customer no longer exists (the account was deleted in another browser) ends on
 * its next request, whatever it asks ({@link DeletedAccountFilter}, before the CSRF filter).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  @Bean
  SecurityFilterChain shopSecurity(
      HttpSecurity http,
      SecurityContextRepository contexts,
      CsrfTokenRepository csrfTokens,
      PasswordStepHandler passwordStep,
      ShopUsers users,
      PassbridgeProperties passbridge,
      ObjectMapper json)
      throws Exception {
    String pb = passbridge.browserOrigin();
    LinkedHashMap<Class<? extends AccessDeniedException>, AccessDeniedHandler> denials =
        new LinkedHashMap<>();
    denials.put(CsrfException.class, new StalePageHandler(json));
    http.securityContext(c -> c.securityContextRepository(contexts))
        // a session whose customer was deleted (in another browser) ends on its next request,
        // before the CSRF check, the logout and the logins (README "Deleting an account")
        .addFilterBefore(
            new DeletedAccountFilter(users, contexts, csrfTokens, json), CsrfFilter.class)
        // the repository ShopSignIn rotates the token in at each login step (README "Stale pages");
        // a logout from a page whose token is gone (logged out or in again in another tab) still
        // logs out: a forged one could only log the customer out
        .csrf(
            c ->
                c.csrfTokenRepository(csrfTokens)
                    .ignoringRequestMatchers(
                        PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/logout")))
        .exceptionHandling(
            e ->
                e.accessDeniedHandler(
                    new DelegatingAccessDeniedHandler(denials, new AccessDeniedHandlerImpl())))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/",
                        "/login",
                        "/login/passkey",
                        "/dev/mail",
                        "/css/**",
                        "/js/**",
                        "/error",
                        "/actuator/health")
                    .permitAll()
                    .requestMatchers("/second-factor")
                    .hasAuthority(ShopSignIn.PASSWORD_STEP)
                    .anyRequest()
                    .hasRole("USER"))
        .formLogin(
            f ->
                f.loginPage("/login")
                    .usernameParameter("username")
                    .passwordParameter("password")
                    .successHandler(passwordStep)
                    .failureUrl("/login?error")
                    .permitAll())
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .headers(
            h ->
                h.contentSecurityPolicy(
                        c ->
                            c.policyDirectives(
                                "default-src 'self'; script-src 'self' "
                                    + pb
                                    + "; style-src 'self' "
                                    + pb
                                    + "; connect-src 'self' "
                                    + pb
                                    + "; img-src 'self' data: "
                                    + pb
                                    + "; object-src 'none'; base-uri 'none'; form-action 'self';"
                                    + " frame-ancestors 'none'"))
                    .referrerPolicy(
                        r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    return http.build();
  }

  @Bean
  SecurityContextRepository securityContextRepository() {
    return new HttpSessionSecurityContextRepository();
  }

  /**
   * Spring Security's default, a bean so that {@link ShopSignIn} rotates the token the filter
   * checks.
   */
  @Bean
  CsrfTokenRepository csrfTokenRepository() {
    return new HttpSessionCsrfTokenRepository();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  ShopSignIn shopSignIn(SecurityContextRepository contexts, CsrfTokenRepository csrfTokens) {
    return new ShopSignIn(contexts, csrfTokens);
  }

  @Bean
  SecondFactorCodes secondFactorCodes(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
    return new SecondFactorCodes(jdbc, encoder, clock);
  }

  @Bean
  DevMailbox devMailbox() {
    return new DevMailbox();
  }

  @Bean
  PasswordStepHandler passwordStepHandler(
      ShopUsers users,
      SecondFactorCodes codes,
      DevMailbox mailbox,
      ShopSignIn signIn,
      ObjectMapper json,
      Clock clock) {
    return new PasswordStepHandler(users, codes, mailbox, signIn, json, clock);
  }
}
