/**
 * Secure defaults: outside the {@code local} profile a service refuses to start while a secret it
 * declares in {@code passbridge.secrets.required} is missing or a published demo value.
 */
package dev.passbridge.platform.secrets;
