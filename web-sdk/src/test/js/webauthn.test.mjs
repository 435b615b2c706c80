import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromBase64url, toBase64url } from '../../main/resources/META-INF/resources/sdk/v1/base64url.mjs';
import {
  collectCapabilities,
  conditionalGetAvailable,
  creationOptionsFromJSON,
  credentialToJSON,
  requestOptionsFromJSON,
  signalAcceptedCredentials,
  signalUnknownCredential,
  signalUserDetails,
} from '../../main/resources/META-INF/resources/sdk/v1/webauthn.mjs';

const creationJSON = {
  rp: { id: 'localhost', name: 'Passbridge' },
  user: { id: 'AQIDBA', name: 'alice', displayName: 'Alice' },
  challenge: 'CQkJCQ',
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  excludeCredentials: [{ type: 'public-key', id: 'BQYH', transports: ['internal'] }],
  authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  attestation: 'none',
  extensions: { credProps: true },
};

const bytes = (buffer) => Array.from(new Uint8Array(buffer));

test('uses the browser parser when there is one', () => {
  const PKC = { parseCreationOptionsFromJSON: (json) => ({ parsedBy: 'browser', json }) };
  assert.equal(creationOptionsFromJSON(creationJSON, PKC).parsedBy, 'browser');
});

test('falls back to converting the binary fields by hand', () => {
  const options = creationOptionsFromJSON(creationJSON, {});
  assert.deepEqual(bytes(options.challenge), [9, 9, 9, 9]);
  assert.deepEqual(bytes(options.user.id), [1, 2, 3, 4]);
  assert.equal(options.user.name, 'alice');
  assert.deepEqual(bytes(options.excludeCredentials[0].id), [5, 6, 7]);
  assert.deepEqual(options.excludeCredentials[0].transports, ['internal']);
  assert.deepEqual(options.extensions, { credProps: true });
  assert.equal(creationJSON.challenge, 'CQkJCQ', 'the JSON is not mutated');
});

test('falls back when the browser parser throws', () => {
  const PKC = {
    parseCreationOptionsFromJSON: () => {
      throw new TypeError('broken');
    },
  };
  assert.deepEqual(bytes(creationOptionsFromJSON(creationJSON, PKC).challenge), [9, 9, 9, 9]);
});

test('converts request options, with or without allowCredentials', () => {
  const conditional = requestOptionsFromJSON({ challenge: 'AQ', rpId: 'localhost', allowCredentials: [] }, undefined);
  assert.deepEqual(bytes(conditional.challenge), [1]);
  assert.deepEqual(conditional.allowCredentials, []);
  const modal = requestOptionsFromJSON({ challenge: 'AQ', allowCredentials: [{ type: 'public-key', id: 'Ag' }] }, {});
  assert.deepEqual(bytes(modal.allowCredentials[0].id), [2]);
  const browser = requestOptionsFromJSON({ challenge: 'AQ' }, { parseRequestOptionsFromJSON: () => 'native' });
  assert.equal(browser, 'native');
});

const buf = (...values) => new Uint8Array(values).buffer;

test('serialises a registration without toJSON', () => {
  const credential = {
    id: 'AQI',
    rawId: buf(1, 2),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    getClientExtensionResults: () => ({ credProps: { rk: true } }),
    response: {
      clientDataJSON: buf(3),
      attestationObject: buf(4),
      getTransports: () => ['internal', 'hybrid'],
      getAuthenticatorData: () => buf(5),
      getPublicKey: () => buf(6),
      getPublicKeyAlgorithm: () => -7,
    },
  };
  assert.deepEqual(credentialToJSON(credential), {
    id: 'AQI',
    rawId: 'AQI',
    type: 'public-key',
    authenticatorAttachment: 'platform',
    clientExtensionResults: { credProps: { rk: true } },
    response: {
      clientDataJSON: 'Aw',
      attestationObject: 'BA',
      transports: ['internal', 'hybrid'],
      authenticatorData: 'BQ',
      publicKey: 'Bg',
      publicKeyAlgorithm: -7,
    },
  });
});

test('serialises an assertion without toJSON, with and without a user handle', () => {
  const credential = {
    id: 'AQI',
    rawId: buf(1, 2),
    type: 'public-key',
    response: { clientDataJSON: buf(3), authenticatorData: buf(4), signature: buf(5), userHandle: buf(6) },
  };
  const json = credentialToJSON(credential);
  assert.deepEqual(json.response, { clientDataJSON: 'Aw', authenticatorData: 'BA', signature: 'BQ', userHandle: 'Bg' });
  assert.equal(json.authenticatorAttachment, null);
  assert.deepEqual(json.clientExtensionResults, {});
  credential.response.userHandle = null;
  assert.equal(credentialToJSON(credential).response.userHandle, null);
});

test('prefers the browser toJSON and survives one that throws', () => {
  assert.deepEqual(credentialToJSON({ toJSON: () => ({ native: true }) }), { native: true });
  const broken = {
    toJSON: () => {
      throw new Error('extension bug');
    },
    id: 'AQ',
    rawId: buf(1),
    type: 'public-key',
    response: { clientDataJSON: buf(1), authenticatorData: buf(1), signature: buf(1), userHandle: null },
  };
  assert.equal(credentialToJSON(broken).id, 'AQ');
});

test('reports getClientCapabilities and fills gaps from the older checks', async () => {
  const modern = {
    getClientCapabilities: async () => ({ conditionalCreate: true, conditionalGet: true, hybridTransport: false, 'extension:prf': true }),
    isUserVerifyingPlatformAuthenticatorAvailable: async () => true,
  };
  assert.deepEqual(await collectCapabilities(modern), {
    conditionalCreate: true,
    conditionalGet: true,
    hybridTransport: false,
    'extension:prf': true,
    userVerifyingPlatformAuthenticator: true,
  });
  const older = {
    isUserVerifyingPlatformAuthenticatorAvailable: async () => false,
    isConditionalMediationAvailable: async () => true,
  };
  assert.deepEqual(await collectCapabilities(older), { userVerifyingPlatformAuthenticator: false, conditionalGet: true });
  assert.deepEqual(await collectCapabilities(undefined), {});
  const failing = { getClientCapabilities: async () => { throw new Error('nope'); } };
  assert.deepEqual(await collectCapabilities(failing), {});
  const odd = { getClientCapabilities: async () => ({ conditionalCreate: 'yes' }) };
  assert.deepEqual(await collectCapabilities(odd), {}, 'only booleans are reported');
});

test('knows whether conditional UI can start', async () => {
  assert.equal(await conditionalGetAvailable({ isConditionalMediationAvailable: async () => true }), true);
  assert.equal(await conditionalGetAvailable({ isConditionalMediationAvailable: async () => false }), false);
  assert.equal(await conditionalGetAvailable({}), false);
  assert.equal(await conditionalGetAvailable(undefined), false);
});

test('calls the Signal API where it exists', async () => {
  const calls = [];
  const PKC = {
    signalUnknownCredential: async (o) => calls.push(['unknown', o]),
    signalAllAcceptedCredentials: async (o) => calls.push(['accepted', o]),
    signalCurrentUserDetails: async (o) => calls.push(['details', o]),
  };
  assert.equal(await signalUnknownCredential('localhost', 'AQ', PKC), true);
  assert.equal(await signalAcceptedCredentials('localhost', 'dXNlcg', ['AQ', 'Ag'], PKC), true);
  assert.equal(await signalUserDetails('localhost', 'dXNlcg', 'alice', '', PKC), true);
  assert.deepEqual(calls, [
    ['unknown', { rpId: 'localhost', credentialId: 'AQ' }],
    ['accepted', { rpId: 'localhost', userId: 'dXNlcg', allAcceptedCredentialIds: ['AQ', 'Ag'] }],
    ['details', { rpId: 'localhost', userId: 'dXNlcg', name: 'alice', displayName: 'alice' }],
  ]);
  assert.equal(await signalUnknownCredential('localhost', 'AQ', {}), false);
  assert.equal(await signalAcceptedCredentials('localhost', null, [], PKC), false);
  const throwing = { signalUnknownCredential: async () => { throw new Error('x'); } };
  assert.equal(await signalUnknownCredential('localhost', 'AQ', throwing), false);
});

test('the fallback output decodes back to the same bytes', () => {
  const raw = new Uint8Array(32).map((_, i) => 255 - i);
  const json = credentialToJSON({
    id: toBase64url(raw),
    rawId: raw.buffer,
    type: 'public-key',
    response: { clientDataJSON: raw.buffer, authenticatorData: raw.buffer, signature: raw.buffer, userHandle: null },
  });
  assert.deepEqual(fromBase64url(json.rawId), raw);
});
