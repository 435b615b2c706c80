/**
 * The user's device as the login event describes it: which OS, browser, versions and device class a
 * User-Agent and its client hints mean (the event's {@code Platform} record), with frozen
 * User-Agent values read as unknown rather than guessed, and how hints from the request headers and
 * from the request body become one bounded map. Nothing to do with the {@code platform} module.
 */
package dev.passbridge.auth.login.device;
