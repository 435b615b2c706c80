/**
 * The login join with its timer: decides when a login is complete. PasswordAuthenticated and the
 * second factor (OtpVerified, OtpLocked) of a login meet, in either order, within the join window;
 * without a second factor the login times out. Owns the pending logins, the timers and the memory
 * of decided logins (which makes redeliveries and replays harmless), and forwards {@link
 * dev.passbridge.intelligence.login.LoginStep}s.
 */
package dev.passbridge.intelligence.login;
