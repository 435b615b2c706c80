/**
 * The rules at runtime: decides which rules are in force (the configuration file's, or the last
 * good document an admin stored on the rules topic) and what an admin may store ({@code
 * GET/PUT/DELETE /api/insights/rules}, read strictly). Owns the global rules table.
 */
package dev.passbridge.intelligence.settings;
