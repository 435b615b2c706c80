/**
 * Spring binding of Connect mode for the servlet services: the clients from {@code
 * passbridge.connect.clients[*]} ({@link dev.passbridge.platform.connect.ConnectProperties},
 * checked at start-up, a {@link dev.passbridge.platform.core.connect.ConnectClients} bean), the one
 * per-client request budget across services ({@link dev.passbridge.platform.connect.ConnectQuota},
 * Redis {@code pb:connect:quota:<clientId>:<minute>}) and the guard of the server API ({@link
 * dev.passbridge.platform.connect.ConnectClientGuard}: 401 {@code invalid-client}, 429 {@code
 * quota-exceeded}).
 */
package dev.passbridge.platform.connect;
