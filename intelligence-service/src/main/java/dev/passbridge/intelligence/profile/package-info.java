/**
 * The passkey-profile projection: decides what the service knows about each user's passkeys
 * (registered passkeys and their providers, cooldowns after failures, prompts and "Not now", the
 * first passkey login) from the passkey-service's events, each applied once, and forgets it all
 * when auth-service erases the user ({@code UserErased}: the profile is deleted). Owns the profile
 * store; the decision reads it and records its prompts there.
 */
package dev.passbridge.intelligence.profile;
