/**
 * Each servlet service's OpenAPI 3.1 document ({@code /v3/api-docs}, springdoc, generated from the
 * controllers): the problem schema and the problem answers every operation can give, and the
 * authentication each operation needs (the session cookie, derived from {@code @CurrentSession}
 * parameters; a connect token or HTTP Basic under {@code /connect/v1}). The gateway merges the
 * services' documents into the public one ({@code /api-docs}, docs/services/gateway.md).
 */
package dev.passbridge.platform.openapi;
