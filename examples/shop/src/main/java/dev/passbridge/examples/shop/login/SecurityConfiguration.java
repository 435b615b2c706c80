package dev.passbridge.examples.shop.login;

import dev.passbridge.examples.shop.passbridge.PassbridgeProperties;
import dev.passbridge.examples.shop.users.ShopUsers;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import tools.jackson.databind.ObjectMapper;

/**
 * The shop's own login: Spring Security's form login for the password, then the shop's second
 * factor ({@link SecondFactorCodes}), all in the servlet session. The passkey login ({@code POST
 * /login/passkey}) verifies Passbridge's login result and then logs in the same way. A strict CSP:
 * scripts, styles and API calls only from the shop itself and Passbridge (the SDK).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  @Bean
  SecurityFilterChain shopSecurity(
      HttpSecurity http,
      SecurityContextRepository contexts,
      PasswordStepHandler passwordStep,
      PassbridgeProperties passbridge)
      throws Exception {
    String pb = passbridge.browserOrigin();
    http.securityContext(c -> c.securityContextRepository(contexts))
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

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  ShopSignIn shopSignIn(SecurityContextRepository contexts) {
    return new ShopSignIn(contexts);
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
