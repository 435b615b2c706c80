package dev.passbridge.examples.shop.users;

/**
 * A customer of the shop.
 *
 * @param id the shop's own user id; it is also the {@code externalUserId} the shop gives Passbridge
 *     (stable, never reused, no personal data)
 * @param email what the customer logs in with
 * @param displayName shown on the shop's pages and in the passkey's name
 * @param passwordHash the password encoder's hash
 */
public record ShopUser(String id, String email, String displayName, String passwordHash) {

  @Override
  public String toString() {
    return "ShopUser[id=" + id + "]";
  }
}
