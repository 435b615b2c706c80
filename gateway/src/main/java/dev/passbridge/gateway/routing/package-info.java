/**
 * What the gateway routes where (the complete list in {@code ServiceRoutes}; anything else is 404),
 * GET-only retries, and the guard that keeps the dev tools off outside the local profile.
 * docs/architecture.md §4.
 */
package dev.passbridge.gateway.routing;
