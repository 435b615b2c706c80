/**
 * A user's erasure ({@code UserErased}, written by auth-service when a Connect platform erases a
 * user or a hosted user deletes their own account): all their passkeys, hosted and Connect, are
 * deleted and a tombstone recorded in one transaction, with no {@code PasskeyDeleted} (the erasure
 * is the fact; a per-passkey event would give other services' projections rows for the user again).
 * The tombstone makes the credential store refuse a passkey for the user from a ceremony or connect
 * token issued before the erasure ({@code user-erased}), and keeps such a ceremony's failure (the
 * browser's report, a registration failing verification) from recording a {@code
 * PasskeyUpgradeFailed}; tombstones older than {@link
 * dev.passbridge.passkey.erasure.ErasureProperties#tombstoneRetention} are removed by the next
 * erasure. Redelivered events change nothing. {@link dev.passbridge.passkey.erasure.UserErasure} is
 * the use case; the Kafka listener and the wiring are in {@code internal}. See
 * docs/services/passkey-service.md, "Erasure".
 */
package dev.passbridge.passkey.erasure;
