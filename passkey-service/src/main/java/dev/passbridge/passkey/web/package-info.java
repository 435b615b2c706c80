/**
 * Shared web glue: how a WebAuthn {@code Rejection} becomes an RFC 9457 problem answer (status and
 * stable {@code type}/{@code code}). See docs/services/passkey-service.md, "Problem types".
 */
package dev.passbridge.passkey.web;
