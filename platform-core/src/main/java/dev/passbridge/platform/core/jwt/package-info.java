/**
 * The checks every signed JWT of Passbridge passes before its own claims are read ({@link
 * dev.passbridge.platform.core.jwt.SignedJwtCheck}): size, ES256 with a P-256 key by {@code kid},
 * the signature, the issuer, {@code exp} and {@code nbf} with the skew, {@code iat} present. Shared
 * by the session and the connect token verifiers. Plain Java + Nimbus JOSE.
 */
package dev.passbridge.platform.core.jwt;
