/**
 * The problem catalogue every HTTP answer of Passbridge uses for failures: RFC 9457 documents with
 * a stable {@code type} ({@code https://passbridge.dev/problems/<code>}), a {@code code} member and
 * a title derived from it ({@link dev.passbridge.platform.core.problem.Problem}), as plain data the
 * servlet and reactive adapters serialise. docs/architecture.md §4.
 */
package dev.passbridge.platform.core.problem;
