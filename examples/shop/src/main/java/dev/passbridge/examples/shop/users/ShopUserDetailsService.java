package dev.passbridge.examples.shop.users;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Spring Security's view of {@code shop_user} for the password form. */
@Service
public class ShopUserDetailsService implements UserDetailsService {
  private final ShopUsers users;

  public ShopUserDetailsService(ShopUsers users) {
    this.users = users;
  }

  @Override
  public UserDetails loadUserByUsername(String email) {
    ShopUser user =
        users.byEmail(email).orElseThrow(() -> new UsernameNotFoundException("no such user"));
    // the password step alone grants nothing: see login.PasswordStepHandler
    return User.withUsername(user.email())
        .password(user.passwordHash())
        .authorities("PASSWORD")
        .build();
  }
}
