import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bufferFromBase64url, fromBase64url, toBase64url } from '../../main/resources/META-INF/resources/sdk/v1/base64url.mjs';

test('encodes without padding using the URL alphabet', () => {
  assert.equal(toBase64url(new Uint8Array([0xfb, 0xff, 0xfe])), '-__-');
  assert.equal(toBase64url(new Uint8Array([1])), 'AQ');
  assert.equal(toBase64url(new Uint8Array([])), '');
});

test('round-trips every byte value and long inputs', () => {
  const bytes = new Uint8Array(70000).map((_, i) => i % 256);
  assert.deepEqual(fromBase64url(toBase64url(bytes)), bytes);
});

test('accepts ArrayBuffers and views into a larger buffer', () => {
  const buffer = new Uint8Array([9, 1, 2, 3, 9]).buffer;
  assert.equal(toBase64url(new Uint8Array(buffer, 1, 3)), 'AQID');
  assert.equal(toBase64url(new Uint8Array([1, 2, 3]).buffer), 'AQID');
});

test('decodes padded and standard-alphabet input too', () => {
  assert.deepEqual(fromBase64url('AQ=='), new Uint8Array([1]));
  assert.deepEqual(fromBase64url('+/8'), new Uint8Array([0xfb, 0xff]));
});

test('refuses what is not base64url', () => {
  assert.throws(() => fromBase64url('a'), TypeError);
  assert.throws(() => fromBase64url('ab$d'), TypeError);
  assert.throws(() => fromBase64url(42), TypeError);
});

test('gives an exact ArrayBuffer for WebAuthn options', () => {
  const buffer = bufferFromBase64url('AQID');
  assert.ok(buffer instanceof ArrayBuffer);
  assert.equal(buffer.byteLength, 3);
});
