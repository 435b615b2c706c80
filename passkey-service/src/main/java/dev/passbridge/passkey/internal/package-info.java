/**
 * Wiring for passkey-service as a whole rather than one feature: the scheduler threads it owns and
 * shuts down with its context (the launcher runs several services in one JVM).
 */
package dev.passbridge.passkey.internal;
