/**
 * The transactional outbox: which events leave passkey-service through spring-modulith's event
 * publication registry ({@code PasskeyCreated}, {@code PasskeyDeleted}, {@code
 * PasskeyUpgradeFailed}), to which topic and with which key (the contracts topic of the event,
 * keyed by user id), and through which Kafka template (the platform's producer factory, so values
 * go through contracts' EventSerializer with CloudEvents headers). The features record their events
 * inside a database transaction; this package only decides how recorded events get out. See
 * docs/services/passkey-service.md, "Outbox".
 */
package dev.passbridge.passkey.outbox;
