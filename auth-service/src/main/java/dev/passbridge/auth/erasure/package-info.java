/**
 * Erasing a hosted account at its owner's request ({@code DELETE /api/me}) or an administrator's
 * ({@code POST /api/admin/account-erasures}): {@code UserErased} on Kafka first, then the account
 * row, then every session of the user. Connect platforms erase their users through {@code DELETE
 * /connect/v1/users/{externalUserId}} (package {@code connect}); both publish the same event.
 * docs/services/auth-service.md, "Deleting an account".
 */
package dev.passbridge.auth.erasure;
