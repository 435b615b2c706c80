package dev.passbridge.examples.shop.users;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The demo customers of a local run ({@code shop.demo-users=true}, the local profile): {@code
 * alice@shop.example} / {@code shop-alice-1} and {@code bob@shop.example} / {@code shop-bob-1}.
 */
@Component
@ConditionalOnBooleanProperty("shop.demo-users")
public class DemoUsers implements ApplicationRunner {
  private final ShopUsers users;
  private final PasswordEncoder encoder;

  public DemoUsers(ShopUsers users, PasswordEncoder encoder) {
    this.users = users;
    this.encoder = encoder;
  }

  @Override
  public void run(ApplicationArguments args) {
    users.addIfAbsent("alice@shop.example", "Alice", encoder.encode("shop-alice-1"));
    users.addIfAbsent("bob@shop.example", "Bob", encoder.encode("shop-bob-1"));
  }
}
