/**
 * Issuing the code of a password login: decides whether a {@code PasswordAuthenticated} gets a code
 * and an SMS (one code per login; one SMS per event, and at least one across a crash, because a
 * redelivery sends what an interrupted delivery still owed; none while the account is locked, none
 * for a stale event), and withdraws both when the SMS cannot be sent so the event is retried.
 */
package dev.passbridge.otp.issue;
