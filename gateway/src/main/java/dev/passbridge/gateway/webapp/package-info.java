/**
 * The web app's runtime settings for the pages ({@code /app-config.json}); the pages themselves are
 * static files. docs/architecture.md §6.
 */
package dev.passbridge.gateway.webapp;
