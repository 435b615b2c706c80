package dev.passbridge.examples.shop.login;

import java.io.Serializable;

/** Who is logged in to the shop (kept in the servlet session's security context). */
public record ShopPrincipal(String userId, String email, String displayName)
    implements Serializable {}
