/**
 * Wiring for auth-service as a whole rather than one feature: the threads it owns and shuts down
 * with its context (the launcher runs several services in one JVM).
 */
package dev.passbridge.auth.internal;
