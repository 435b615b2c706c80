import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCompleteCode, normaliseCode, resendOutcome, sentToText } from '../../main/resources/static/js/lib/otp.mjs';
import {
  acceptedCredentialIds,
  cleanName,
  describePasskey,
  formatDate,
  passkeyList,
  storageKind,
  userHandleOf,
} from '../../../../web-sdk/src/main/resources/META-INF/resources/sdk/v1/passkeys.mjs';
import { messageFor } from '../../../../web-sdk/src/main/resources/META-INF/resources/sdk/v1/problems.mjs';

test('keeps only six digits of a code', () => {
  assert.equal(normaliseCode('123 456'), '123456');
  assert.equal(normaliseCode('12-34-56-78'), '123456');
  assert.equal(normaliseCode(null), '');
  assert.equal(isCompleteCode('123456'), true);
  assert.equal(isCompleteCode('12345'), false);
  assert.equal(isCompleteCode('12345a'), false);
});

test('says where the code went', () => {
  assert.equal(sentToText({ channel: 'SMS', maskedDestination: '+49******0001' }), 'We sent a code by SMS to +49******0001.');
  assert.equal(sentToText(null), 'We sent you a code.');
});

test('reads the passkey list in any wrapping', () => {
  assert.deepEqual(passkeyList([{ id: 'a' }]), [{ id: 'a' }]);
  assert.deepEqual(passkeyList({ passkeys: [{ id: 'b' }] }), [{ id: 'b' }]);
  assert.deepEqual(passkeyList({}), []);
  assert.deepEqual(passkeyList(null), []);
});

test('describes a passkey: provider, synced or device-bound, dates', () => {
  const row = describePasskey(
    { id: 'AQ', name: 'Work laptop', providerName: 'iCloud Keychain', synced: true, createdAt: '2026-03-01T10:00:00Z', lastUsedAt: null },
    'en-GB',
  );
  assert.equal(row.id, 'AQ');
  assert.equal(row.name, 'Work laptop');
  assert.equal(row.provider, 'iCloud Keychain');
  assert.equal(row.kind, 'Synced');
  assert.equal(row.meta, 'iCloud Keychain · Synced');
  assert.match(row.created, /2026/);
  assert.equal(row.lastUsed, 'Never');
  assert.equal(describePasskey({ credentialId: 'x' }).name, 'Passkey');
  assert.equal(storageKind({ backupState: false }), 'This device only');
  assert.equal(storageKind({}), null);
  assert.equal(formatDate('not a date'), 'Unknown');
});

test('collects ids and the user handle for the Signal API', () => {
  assert.deepEqual(acceptedCredentialIds([{ id: 'a' }, { credentialId: 'b' }, {}]), ['a', 'b']);
  assert.equal(userHandleOf({ userHandle: 'H1' }, [], 'H3'), 'H1');
  assert.equal(userHandleOf({}, [{ userHandle: 'H2' }], 'H3'), 'H2');
  assert.equal(userHandleOf(null, [], 'H3'), 'H3');
  assert.equal(userHandleOf(null, [], null), null);
});

test('cleans passkey names', () => {
  assert.equal(cleanName('  My   phone '), 'My phone');
  assert.equal(cleanName('   '), null);
  assert.equal(cleanName('x'.repeat(65)), null);
  // 64 characters as the service counts them: an emoji (two UTF-16 units) is one
  assert.equal(cleanName('\u{1F511}'.repeat(64)), '\u{1F511}'.repeat(64));
  assert.equal(cleanName('\u{1F511}'.repeat(65)), null);
});

test('explains problems by code', () => {
  assert.equal(messageFor({ code: 'otp-invalid', attemptsLeft: 2 }), 'That code is not right. 2 attempts left.');
  assert.equal(messageFor({ code: 'otp-invalid', attemptsLeft: 1 }), 'That code is not right. 1 attempt left.');
  assert.equal(messageFor({ code: 'rate-limited', retryAfterSeconds: 30 }), 'Too many attempts. Try again in 30 seconds.');
  assert.equal(messageFor({ code: 'invalid-credentials', detail: 'internal words' }), 'The username or password is not right.');
  assert.equal(messageFor({ code: 'something-new', detail: 'Readable detail.' }), 'Readable detail.');
  assert.equal(messageFor(null), 'Something went wrong. Try again.');
});

test('reads the resend answer: new expiry, next allowed time, last code', () => {
  const now = Date.parse('2026-03-01T10:00:00Z');
  const outcome = resendOutcome(
    { channel: 'SMS', maskedDestination: '+49******0001', expiresAt: '2026-03-01T10:05:00Z', resendsLeft: 2, nextResendAt: '2026-03-01T10:00:30Z' },
    now,
    30,
  );
  assert.equal(outcome.otp.expiresAt, '2026-03-01T10:05:00Z');
  assert.equal(outcome.canResendAgain, true);
  assert.equal(outcome.nextResendAt, now + 30_000);
  assert.equal(resendOutcome({ resendsLeft: 0 }, now, 30).canResendAgain, false);
  const bare = resendOutcome(null, now, 45);
  assert.equal(bare.otp, null);
  assert.equal(bare.nextResendAt, now + 45_000);
});
