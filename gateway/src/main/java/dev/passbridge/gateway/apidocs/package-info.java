/**
 * The public API's OpenAPI 3.1 document, {@code GET /api-docs}: the services' own documents ({@code
 * /v3/api-docs}, never routed) fetched and merged, keeping only the paths the gateway routes
 * ({@link dev.passbridge.gateway.routing.ServiceRoutes}). Merged here rather than with springdoc's
 * multiple-urls viewer setup, which would need every service's document reachable from the browser
 * and would show the services' unrouted paths; one merged document is also what a client generator
 * or a contract test reads. Swagger UI over it exists in the local profile only.
 */
package dev.passbridge.gateway.apidocs;
