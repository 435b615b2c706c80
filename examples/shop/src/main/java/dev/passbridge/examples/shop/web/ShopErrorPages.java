package dev.passbridge.examples.shop.web;

import dev.passbridge.examples.shop.login.ShopSignIn;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * A browser's errors (403, 404, 405, 500, ...) are the shop's page {@code error.html}, never
 * Spring's Whitelabel page: it says what went wrong and links the page that fits where the
 * visitor's login stands ({@link ShopSignIn#pageFor}), e.g. the code page for a customer half-way
 * through a login who opened the account page.
 */
@Component
public class ShopErrorPages implements ErrorViewResolver {

  @Override
  public ModelAndView resolveErrorView(
      HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
    Map<String, Object> page = new HashMap<>(model);
    page.put("next", ShopSignIn.pageFor(SecurityContextHolder.getContext().getAuthentication()));
    return new ModelAndView("error", page, status);
  }
}
