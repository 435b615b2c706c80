/**
 * Servlet adapters of platform-core's edge rules and problem catalogue: the trusted-proxy filter,
 * the Origin and size filter, {@code Problems}/{@code ProblemException} as Spring {@code
 * ProblemDetail}s, the problem handler that maps every failure to a problem, and the
 * auto-configuration that wires them (with session verification) into each servlet service.
 */
package dev.passbridge.platform.web;
