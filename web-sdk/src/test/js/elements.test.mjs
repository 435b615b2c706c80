// The three elements over a fake window: requests (mode, headers, bodies), WebAuthn calls, the
// Signal API calls with their arguments, and one event for every success and failure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_CONDITIONAL_TIMEOUT_MS,
  defineElements,
  elementClasses,
  EVENTS,
  LOGIN_RESTARTS,
} from '../../main/resources/META-INF/resources/sdk/v1/elements.mjs';
import {
  answer,
  domError,
  fakeCredential,
  fakeWindow,
  problem,
  recordEvents,
  settle,
} from './fake-dom.mjs';

const ALL_EVENTS = Object.values(EVENTS);
const USER_HANDLE = 'dXNlci1oYW5kbGU';
const creationOptions = {
  challenge: 'Y2g',
  rp: { id: 'localhost', name: 'Passbridge' },
  user: { id: USER_HANDLE, name: 'alice', displayName: 'Alice' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
};
const decision = (action) => ({ action, ceremonyId: 'ceremony-1', publicKey: creationOptions });

/** Creates an element of the given class on the fake window, puts it in the body, connects it. */
function mount(win, className, attributes = {}) {
  const classes = elementClasses(win);
  const element = new classes[className]();
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  win.document.body.append(element);
  const events = recordEvents(element, ALL_EVENTS);
  element.connectedCallback();
  return { element, events };
}

const requestsTo = (win, method, path) => win.requests.filter((r) => r.method === method && r.path === path);

// ---- <passbridge-append> ----------------------------------------------------------------------

test('append, PROMPT: "Add a passkey" creates, registers and emits appended with the credential id', async () => {
  const win = fakeWindow({
    routes: {
      'GET /api/passkeys/upgrade': answer(200, decision('PROMPT')),
      'POST /api/passkeys/registrations': answer(201, { credentialId: 'cred-1' }),
    },
  });
  win.navigator.credentials.onCreate = async () => fakeCredential('cred-1');
  const { element, events } = mount(win, 'PassbridgeAppend', { id: 'upgrade' });
  await settle();
  const dialog = element.find('#upgrade-dialog');
  assert.ok(dialog?.open, 'the prompt is shown as a modal dialog');
  assert.equal(element.find('#upgrade-create').textContent, 'Add a passkey');
  assert.equal(element.find('#upgrade-later').textContent, 'Not now');
  assert.equal(win.credentialCalls.create.length, 0, 'nothing is created before the click');

  element.find('#upgrade-create').click();
  await settle();
  assert.deepEqual(win.credentialCalls.create[0].publicKey, { parsedCreation: creationOptions });
  assert.equal(win.credentialCalls.create[0].signal.aborted, false, 'aborted if the element is removed');
  const [registration] = requestsTo(win, 'POST', '/api/passkeys/registrations');
  assert.equal(registration.body.ceremonyId, 'ceremony-1');
  assert.equal(registration.body.credential.id, 'cred-1');
  assert.equal(registration.credentials, 'same-origin', 'hosted mode: same-origin with the cookie');
  assert.equal(registration.headers.Authorization, undefined);
  assert.deepEqual(events, [
    { type: EVENTS.APPENDED, detail: { credentialId: 'cred-1', userHandle: USER_HANDLE }, bubbles: true, composed: true },
  ]);
  assert.equal(requestsTo(win, 'POST', '/api/passkeys/upgrade/outcome').length, 0);
  assert.equal(element.find('#upgrade-dialog').open, false, 'the dialog is closed');
  assert.equal(element.find('.pb-message').textContent, 'Your passkey is ready. Next time, sign in with it.');
});

test('append, Connect mode: Bearer token to the api origin, no cookies', async () => {
  const win = fakeWindow({ routes: { 'GET /api/passkeys/upgrade': answer(200, { action: 'NONE', reason: 'HAS_PASSKEY' }) } });
  const { events } = mount(win, 'PassbridgeAppend', { api: 'https://passbridge.example/', token: 'T0K3N' });
  await settle();
  const [request] = win.requests;
  assert.equal(request.url, 'https://passbridge.example/api/passkeys/upgrade');
  assert.equal(request.headers.Authorization, 'Bearer T0K3N');
  assert.equal(request.credentials, 'omit');
  assert.deepEqual(events.map((e) => [e.type, e.detail]), [[EVENTS.SKIPPED, { reason: 'HAS_PASSKEY' }]]);
});

test('append, "Not now": reported as Dismissed, emits dismissed', async () => {
  const win = fakeWindow({ routes: { 'GET /api/passkeys/upgrade': answer(200, decision('PROMPT')), 'POST /api/passkeys/upgrade/outcome': answer(204) } });
  const { element, events } = mount(win, 'PassbridgeAppend', {});
  await settle();
  element.find('.pb-dialog').findEvery('button')[1].click();
  await settle();
  assert.deepEqual(requestsTo(win, 'POST', '/api/passkeys/upgrade/outcome')[0].body, { ceremonyId: 'ceremony-1', errorName: 'Dismissed' });
  assert.deepEqual(events.map((e) => [e.type, e.detail]), [[EVENTS.DISMISSED, { errorName: 'Dismissed' }]]);
  assert.equal(win.credentialCalls.create.length, 0);
});

test('append, "Not now" after the session ended elsewhere: the outcome\'s 401 is an error event (stage outcome), not a dismissal', async () => {
  const win = fakeWindow({
    routes: { 'GET /api/passkeys/upgrade': answer(200, decision('PROMPT')), 'POST /api/passkeys/upgrade/outcome': problem(401, 'unauthenticated') },
  });
  const { element, events } = mount(win, 'PassbridgeAppend', {});
  await settle();
  element.find('.pb-dialog').findEvery('button')[1].click();
  await settle();
  assert.equal(requestsTo(win, 'POST', '/api/passkeys/upgrade/outcome').length, 1);
  assert.deepEqual(events.map((e) => [e.type, e.detail.stage, e.detail.status, e.detail.code]), [[EVENTS.ERROR, 'outcome', 401, 'unauthenticated']]);
});

for (const status of [204, 500, 503]) {
  test(`append, "Not now" whose outcome answers ${status}: still a dismissal (the report is best effort)`, async () => {
    const win = fakeWindow({
      routes: {
        'GET /api/passkeys/upgrade': answer(200, decision('PROMPT')),
        'POST /api/passkeys/upgrade/outcome': status === 204 ? answer(204) : problem(status, 'service-unavailable'),
      },
    });
    const { element, events } = mount(win, 'PassbridgeAppend', {});
    await settle();
    element.find('.pb-dialog').findEvery('button')[1].click();
    await settle();
    assert.deepEqual(events.map((e) => e.type), [EVENTS.DISMISSED]);
  });
}

test('append, a silent create that ends unanswered after the session ended elsewhere: an error event, not a skip', async () => {
  const win = fakeWindow({
    capabilities: { conditionalCreate: true },
    routes: { 'GET /api/passkeys/upgrade': answer(200, decision('CONDITIONAL_CREATE')), 'POST /api/passkeys/upgrade/outcome': problem(401, 'unauthenticated') },
  });
  win.navigator.credentials.onCreate = async () => {
    throw domError('NotAllowedError');
  };
  const { events } = mount(win, 'PassbridgeAppend', {});
  await settle();
  assert.deepEqual(events.map((e) => [e.type, e.detail.stage, e.detail.status]), [[EVENTS.ERROR, 'outcome', 401]]);
});

test('append, Esc on the prompt (the dialog closes without a value) counts as "Not now"', async () => {
  const win = fakeWindow({ routes: { 'GET /api/passkeys/upgrade': answer(200, decision('PROMPT')), 'POST /api/passkeys/upgrade/outcome': answer(204) } });
  const { element, events } = mount(win, 'PassbridgeAppend', {});
  await settle();
  element.find('.pb-dialog').close('');
  await settle();
  assert.equal(requestsTo(win, 'POST', '/api/passkeys/upgrade/outcome')[0].body.errorName, 'Dismissed');
  assert.deepEqual(events.map((e) => e.type), [EVENTS.DISMISSED]);
});

for (const [thrown, type, code] of [
  ['NotAllowedError', EVENTS.DISMISSED, null],
  ['AbortError', EVENTS.DISMISSED, null],
  ['InvalidStateError', EVENTS.ERROR, 'credential-exists'],
  ['SecurityError', EVENTS.ERROR, 'create-failed'],
]) {
  test(`append, the prompt's create fails with ${thrown}: outcome reported, ${type}`, async () => {
    const win = fakeWindow({ routes: { 'GET /api/passkeys/upgrade': answer(200, decision('PROMPT')), 'POST /api/passkeys/upgrade/outcome': answer(204) } });
    win.navigator.credentials.onCreate = async () => {
      throw domError(thrown);
    };
    const { element, events } = mount(win, 'PassbridgeAppend', {});
    await settle();
    element.find('.pb-dialog').findEvery('button')[0].click();
    await settle();
    assert.equal(requestsTo(win, 'POST', '/api/passkeys/upgrade/outcome')[0].body.errorName, thrown);
    assert.equal(events.length, 1);
    assert.equal(events[0].type, type);
    if (code) {
      assert.equal(events[0].detail.name, thrown);
      assert.equal(events[0].detail.code, code);
      assert.ok(events[0].detail.message.length > 0);
      assert.equal(element.find('.pb-message').dataset.kind, 'error');
    } else {
      assert.deepEqual(events[0].detail, { errorName: thrown });
    }
    assert.equal(requestsTo(win, 'POST', '/api/passkeys/registrations').length, 0);
  });
}

test('append, CONDITIONAL_CREATE: silent create with mediation conditional, aborted after the timeout', async () => {
  const win = fakeWindow({
    capabilities: { conditionalCreate: true },
    routes: { 'GET /api/passkeys/upgrade': answer(200, decision('CONDITIONAL_CREATE')), 'POST /api/passkeys/upgrade/outcome': answer(204) },
  });
  win.navigator.credentials.onCreate = (options) =>
    new Promise((resolve, reject) => options.signal.addEventListener('abort', () => reject(domError('AbortError'))));
  const { element, events } = mount(win, 'PassbridgeAppend', { 'conditional-timeout': '1500' });
  await settle();
  const [create] = win.credentialCalls.create;
  assert.equal(create.mediation, 'conditional');
  assert.deepEqual(create.publicKey, { parsedCreation: creationOptions });
  assert.equal(create.signal.aborted, false);
  assert.equal(win.timers.length, 1);
  assert.equal(win.timers[0].ms, 1500, 'the conditional-timeout attribute');
  assert.equal(element.find('.pb-dialog').open, false, 'no prompt: nothing is shown');
  assert.equal(events.length, 0, 'still waiting for the browser');

  win.fireTimers();
  await settle();
  assert.equal(create.signal.aborted, true);
  assert.deepEqual(requestsTo(win, 'POST', '/api/passkeys/upgrade/outcome')[0].body, { ceremonyId: 'ceremony-1', errorName: 'AbortError' });
  assert.deepEqual(events.map((e) => [e.type, e.detail]), [[EVENTS.SKIPPED, { reason: 'CONDITIONAL_TIMEOUT', errorName: 'AbortError' }]]);
});

test('append, CONDITIONAL_CREATE: a silent credential is registered and its timer cleared', async () => {
  const win = fakeWindow({
    capabilities: { conditionalCreate: true },
    routes: { 'GET /api/passkeys/upgrade': answer(200, decision('CONDITIONAL_CREATE')), 'POST /api/passkeys/registrations': answer(201, {}) },
  });
  win.navigator.credentials.onCreate = async () => fakeCredential('silent-1');
  const { events } = mount(win, 'PassbridgeAppend', {});
  await settle();
  assert.equal(win.timers[0].ms, DEFAULT_CONDITIONAL_TIMEOUT_MS);
  assert.equal(win.timers[0].cleared, true);
  assert.equal(requestsTo(win, 'POST', '/api/passkeys/registrations')[0].body.credential.id, 'silent-1');
  assert.deepEqual(events.map((e) => [e.type, e.detail.credentialId]), [[EVENTS.APPENDED, 'silent-1']]);
});

test('append, CONDITIONAL_CREATE without the capability falls back to the prompt', async () => {
  const win = fakeWindow({ capabilities: { conditionalCreate: false }, routes: { 'GET /api/passkeys/upgrade': answer(200, decision('CONDITIONAL_CREATE')) } });
  const { element } = mount(win, 'PassbridgeAppend', {});
  await settle();
  assert.ok(element.find('.pb-dialog').open);
  assert.equal(win.credentialCalls.create.length, 0);
});

test('append, a PENDING decision is asked again, at most twice more', async () => {
  const win = fakeWindow({ routes: { 'GET /api/passkeys/upgrade': answer(200, { action: 'NONE', reason: 'PENDING' }) } });
  const { events } = mount(win, 'PassbridgeAppend', {});
  await settle();
  assert.equal(requestsTo(win, 'GET', '/api/passkeys/upgrade').length, 3);
  assert.deepEqual(events.map((e) => [e.type, e.detail]), [[EVENTS.SKIPPED, { reason: 'PENDING' }]]);
});

test('append, failures: the decision and the registration answer a problem, each an error event', async () => {
  const decisionFails = fakeWindow({ routes: { 'GET /api/passkeys/upgrade': problem(401, 'unauthenticated') } });
  const first = mount(decisionFails, 'PassbridgeAppend', {});
  await settle();
  assert.deepEqual(first.events.map((e) => e.detail), [
    { name: 'ApiError', code: 'unauthenticated', message: 'Please sign in.', status: 401, stage: 'decision' },
  ]);

  const registrationFails = fakeWindow({
    routes: { 'GET /api/passkeys/upgrade': answer(200, decision('PROMPT')), 'POST /api/passkeys/registrations': problem(400, 'challenge-expired') },
  });
  registrationFails.navigator.credentials.onCreate = async () => fakeCredential('cred-1');
  const second = mount(registrationFails, 'PassbridgeAppend', {});
  await settle();
  second.element.find('.pb-dialog').findEvery('button')[0].click();
  await settle();
  assert.deepEqual(second.events.map((e) => [e.type, e.detail.code, e.detail.stage]), [[EVENTS.ERROR, 'challenge-expired', 'registration']]);
  assert.deepEqual(
    registrationFails.signals,
    [['signalUnknownCredential', { rpId: 'localhost', credentialId: 'cred-1' }]],
    'the refused passkey is not left for the password manager to offer',
  );
});

test('append: a passkey stored already (credential-exists) or an answer that may have stored it (5xx) is not signalled', async () => {
  for (const [status, code] of [[409, 'credential-exists'], [503, 'service-unavailable'], [500, 'internal-error']]) {
    const win = fakeWindow({
      routes: { 'GET /api/passkeys/upgrade': answer(200, decision('PROMPT')), 'POST /api/passkeys/registrations': problem(status, code) },
    });
    win.navigator.credentials.onCreate = async () => fakeCredential('cred-2');
    const { element, events } = mount(win, 'PassbridgeAppend', {});
    await settle();
    element.find('.pb-dialog').findEvery('button')[0].click();
    await settle();
    assert.deepEqual(events.map((e) => [e.type, e.detail.code]), [[EVENTS.ERROR, code]], code);
    assert.deepEqual(win.signals, [], code);
  }
});

test('append without WebAuthn: skipped as UNSUPPORTED, nothing asked', async () => {
  const win = fakeWindow({ pkc: false });
  const { events } = mount(win, 'PassbridgeAppend', {});
  await settle();
  assert.equal(win.requests.length, 0);
  assert.deepEqual(events.map((e) => [e.type, e.detail]), [[EVENTS.SKIPPED, { reason: 'UNSUPPORTED' }]]);
});

test('append with manual waits for run(); a page that prevents the default shows the message itself', async () => {
  const win = fakeWindow({ routes: { 'GET /api/passkeys/upgrade': problem(503, 'service-unavailable') } });
  const { element } = mount(win, 'PassbridgeAppend', { manual: '' });
  await settle();
  assert.equal(win.requests.length, 0);
  element.addEventListener(EVENTS.ERROR, (event) => event.preventDefault());
  const ended = await element.run();
  assert.equal(ended.type, EVENTS.ERROR);
  assert.equal(element.find('.pb-message').hidden, true, 'the page took the message over');
});

test('append, removed while the decision is on its way: nothing is created or reported', async () => {
  let answerDecision;
  const win = fakeWindow({
    routes: { 'GET /api/passkeys/upgrade': () => new Promise((resolve) => (answerDecision = resolve)) },
    capabilities: { conditionalCreate: true },
  });
  const { element, events } = mount(win, 'PassbridgeAppend', { manual: '' });
  const ended = element.run();
  await settle();
  element.remove();
  element.disconnectedCallback();
  answerDecision(answer(200, decision('CONDITIONAL_CREATE')));
  assert.deepEqual(await ended, { type: EVENTS.SKIPPED, detail: { reason: 'REMOVED' } });
  await settle();
  assert.equal(win.credentialCalls.create.length, 0, 'no silent create on a removed element');
  assert.equal(requestsTo(win, 'POST', '/api/passkeys/upgrade/outcome').length, 0);
  assert.deepEqual(events.map((e) => e.type), [EVENTS.SKIPPED]);
});

test('append, removed while the prompt is open: the prompt closes as "Not now", and run() ends', async () => {
  const win = fakeWindow({ routes: { 'GET /api/passkeys/upgrade': answer(200, decision('PROMPT')) } });
  const { element } = mount(win, 'PassbridgeAppend', { id: 'upgrade', manual: '' });
  const ended = element.run();
  await settle();
  assert.equal(element.find('#upgrade-dialog').open, true);
  element.remove();
  element.disconnectedCallback();
  assert.equal((await ended).type, EVENTS.DISMISSED);
  assert.equal(element.find('#upgrade-dialog').open, false, 'no prompt left open for a re-added element');
  const [outcome] = requestsTo(win, 'POST', '/api/passkeys/upgrade/outcome');
  assert.deepEqual(outcome.body, { ceremonyId: 'ceremony-1', errorName: 'Dismissed' });
  assert.equal(win.credentialCalls.create.length, 0);
});

test('append, moved while the decision is on its way: the upgrade goes on', async () => {
  let answerDecision;
  const win = fakeWindow({
    routes: { 'GET /api/passkeys/upgrade': () => new Promise((resolve) => (answerDecision = resolve)) },
  });
  const { element } = mount(win, 'PassbridgeAppend', { id: 'upgrade', manual: '' });
  const ended = element.run();
  await settle();
  element.remove();
  element.disconnectedCallback();
  win.document.body.append(element); // a framework reordering the page
  element.connectedCallback();
  answerDecision(answer(200, decision('PROMPT')));
  await settle();
  assert.equal(element.find('#upgrade-dialog').open, true, 'the prompt is shown');
  element.find('#upgrade-later').click();
  assert.equal((await ended).type, EVENTS.DISMISSED);
});

// ---- <passbridge-login> -----------------------------------------------------------------------

const loginOptions = { ceremonyId: 'login-ceremony', publicKey: { challenge: 'Y2g', rpId: 'passbridge.example' } };

function loginWindow(routes, options = {}) {
  const win = fakeWindow({ routes: { 'POST /api/passkeys/login/options': answer(200, loginOptions), ...routes }, ...options });
  const input = win.document.createElement('input');
  input.id = 'username';
  input.setAttribute('autocomplete', 'username');
  win.document.body.append(input);
  return { win, input };
}

test('login, Connect mode: conditional UI with the client id, the signed login result in the event', async () => {
  const { win, input } = loginWindow({ 'POST /api/passkeys/login': answer(200, { loginResult: 'eyJ.result.sig' }) });
  win.navigator.credentials.onGet = async () => fakeCredential('cred-1', { registration: false, userHandle: USER_HANDLE });
  const { element, events } = mount(win, 'PassbridgeLogin', { api: 'https://passbridge.example', 'client-id': 'shop', for: 'username' });
  await settle();
  assert.equal(input.getAttribute('autocomplete'), 'username webauthn', 'the input gets the webauthn token');
  assert.equal(element.find('.pb-login-button').hidden, false);
  assert.equal(element.find('.pb-login-button').textContent, 'Log in with a passkey');
  const [optionsRequest, loginRequest] = win.requests;
  assert.equal(optionsRequest.url, 'https://passbridge.example/api/passkeys/login/options');
  assert.deepEqual(optionsRequest.body, { clientId: 'shop' });
  assert.equal(optionsRequest.credentials, 'omit');
  assert.equal(optionsRequest.headers.Authorization, undefined);
  assert.equal(win.credentialCalls.get[0].mediation, 'conditional');
  assert.deepEqual(win.credentialCalls.get[0].publicKey, { parsedRequest: loginOptions.publicKey });
  assert.deepEqual(loginRequest.body.clientId, 'shop');
  assert.equal(loginRequest.body.ceremonyId, 'login-ceremony');
  assert.equal(loginRequest.body.credential.id, 'cred-1');
  assert.deepEqual(events.map((e) => [e.type, e.detail]), [
    [EVENTS.VERIFYING, { credentialId: 'cred-1' }],
    [EVENTS.LOGIN, { loginResult: 'eyJ.result.sig', credentialId: 'cred-1' }],
  ]);
  assert.ok(events.every((e) => e.bubbles && e.composed));
});

test('login, hosted mode: the login id and the user handle in the event, cookies same-origin', async () => {
  const { win } = loginWindow({ 'POST /api/passkeys/login': answer(200, { loginId: 'L1' }) });
  win.navigator.credentials.onGet = async () => fakeCredential('cred-1', { registration: false, userHandle: USER_HANDLE });
  const { events } = mount(win, 'PassbridgeLogin', { for: 'username' });
  await settle();
  assert.deepEqual(win.requests[0].body, {});
  assert.equal(win.requests[0].credentials, 'same-origin');
  assert.equal(win.requests[1].body.clientId, undefined);
  assert.deepEqual(events.at(-1), {
    type: EVENTS.LOGIN,
    detail: { loginId: 'L1', credentialId: 'cred-1', userHandle: USER_HANDLE },
    bubbles: true,
    composed: true,
  });
});

test('login, unknown-credential: signalUnknownCredential({rpId, credentialId}), an error event, conditional UI again (bounded)', async () => {
  const { win } = loginWindow({ 'POST /api/passkeys/login': problem(400, 'unknown-credential', { credentialId: 'gone-1' }) });
  win.navigator.credentials.onGet = async () => fakeCredential('gone-1', { registration: false });
  const { events } = mount(win, 'PassbridgeLogin', { 'client-id': 'shop', for: 'username' });
  await settle(60);
  const unknown = win.signals.filter(([name]) => name === 'signalUnknownCredential');
  assert.deepEqual(unknown[0], ['signalUnknownCredential', { rpId: 'passbridge.example', credentialId: 'gone-1' }]);
  assert.equal(unknown.length, 1 + LOGIN_RESTARTS, 'one per attempt: the first and the bounded restarts');
  assert.equal(win.credentialCalls.get.length, 1 + LOGIN_RESTARTS);
  const errors = events.filter((e) => e.type === EVENTS.ERROR);
  assert.equal(errors.length, 1 + LOGIN_RESTARTS);
  assert.deepEqual(errors[0].detail, {
    name: 'ApiError',
    code: 'unknown-credential',
    message: 'This passkey is no longer registered here. Sign in with your password.',
    status: 400,
    stage: 'login',
  });
  assert.equal(events.filter((e) => e.type === EVENTS.LOGIN).length, 0);
});

test('login, the button: a modal request; cancelled is an error event, then conditional UI again', async () => {
  const { win } = loginWindow({}, { conditionalGet: false });
  win.navigator.credentials.onGet = async () => {
    throw domError('NotAllowedError');
  };
  const { element, events } = mount(win, 'PassbridgeLogin', { label: 'Sign in with a passkey' });
  await settle();
  assert.equal(win.credentialCalls.get.length, 0, 'no conditional UI in this browser');
  assert.equal(element.find('.pb-login-button').textContent, 'Sign in with a passkey');
  element.find('.pb-login-button').click();
  await settle();
  assert.equal(win.credentialCalls.get[0].mediation, undefined, 'modal');
  assert.deepEqual(events.map((e) => [e.type, e.detail.name, e.detail.code]), [[EVENTS.ERROR, 'NotAllowedError', 'cancelled']]);
  assert.equal(element.find('.pb-message').textContent, 'Passkey sign-in was cancelled or timed out.');
});

test('login, the button: a request that fails for another reason than the person says why, by the error name', async () => {
  const cases = [
    ['SecurityError', 'not-allowed-here', 'Passkeys cannot be used on this page. Use your password.'],
    ['NotSupportedError', 'not-supported', 'This browser cannot sign in with a passkey here. Use your password.'],
    ['UnknownError', 'get-failed', 'Passkey sign-in did not work on this device. Use your password.'],
    ['InvalidStateError', 'get-failed', 'Passkey sign-in did not work on this device. Use your password.'],
  ];
  for (const [name, code, message] of cases) {
    const { win } = loginWindow({}, { conditionalGet: false });
    win.navigator.credentials.onGet = async () => {
      throw domError(name);
    };
    const { element, events } = mount(win, 'PassbridgeLogin', {});
    await settle();
    element.find('.pb-login-button').click();
    await settle();
    assert.deepEqual(
      events.map((e) => [e.type, e.detail.name, e.detail.code, e.detail.stage]),
      [[EVENTS.ERROR, name, code, 'get']],
      name,
    );
    assert.equal(element.find('.pb-message').textContent, message, name);
  }
});

test('login, the button: options that fail end the modal request and offer the autofill again', async () => {
  const { win } = loginWindow({
    'POST /api/passkeys/login/options': [answer(200, loginOptions), problem(503, 'service-unavailable'), answer(200, loginOptions)],
  });
  win.navigator.credentials.onGet = (options) =>
    new Promise((resolve, reject) => options.signal.addEventListener('abort', () => reject(domError('AbortError'))));
  const { element, events } = mount(win, 'PassbridgeLogin', { for: 'username' });
  await settle();
  assert.deepEqual(win.credentialCalls.get.map((c) => c.mediation), ['conditional']);
  assert.equal(win.credentialCalls.get[0].signal.aborted, false);
  element.find('.pb-login-button').click();
  await settle();
  assert.equal(win.credentialCalls.get[0].signal.aborted, true, 'the button stopped the autofill');
  assert.deepEqual(events.map((e) => [e.type, e.detail.code, e.detail.stage]), [[EVENTS.ERROR, 'service-unavailable', 'options']]);
  assert.equal(element.find('.pb-message').textContent, 'Passkey sign-in is not available right now. Use your password.');
  assert.equal(win.requests.filter((r) => r.path === '/api/passkeys/login/options').length, 3);
  assert.deepEqual(win.credentialCalls.get.map((c) => c.mediation), ['conditional', 'conditional'], 'the autofill is offered again');
  assert.equal(win.credentialCalls.get[1].signal.aborted, false);
  element.stop();
});

test('login with manual: a failed or cancelled button request does not start an autofill the page never offered', async () => {
  const { win } = loginWindow({
    'POST /api/passkeys/login/options': [problem(503, 'service-unavailable'), answer(200, loginOptions), answer(200, loginOptions), answer(200, loginOptions)],
    'POST /api/passkeys/login': problem(400, 'challenge-expired'),
  });
  const { element, events } = mount(win, 'PassbridgeLogin', { for: 'username', manual: '' });
  await settle();
  assert.equal(win.credentialCalls.get.length, 0, 'manual: nothing on connect');
  element.find('.pb-login-button').click(); // options refused
  await settle();
  win.navigator.credentials.onGet = async () => {
    throw domError('NotAllowedError');
  };
  element.find('.pb-login-button').click(); // cancelled
  await settle();
  win.navigator.credentials.onGet = async () => fakeCredential('cred-1', { registration: false });
  element.find('.pb-login-button').click(); // chosen, the login refused
  await settle();
  assert.deepEqual(events.map((e) => [e.type, e.detail.stage]), [
    [EVENTS.ERROR, 'options'],
    [EVENTS.ERROR, 'get'],
    [EVENTS.VERIFYING, undefined],
    [EVENTS.ERROR, 'login'],
  ]);
  assert.deepEqual(win.credentialCalls.get.map((c) => c.mediation ?? 'modal'), ['modal', 'modal'], 'no conditional request');
  assert.equal(win.requests.filter((r) => r.path === '/api/passkeys/login/options').length, 3);

  win.navigator.credentials.onGet = (options) =>
    new Promise((resolve, reject) => options.signal.addEventListener('abort', () => reject(domError('AbortError'))));
  element.start(); // the page offers it
  await settle();
  assert.equal(win.credentialCalls.get.at(-1).mediation, 'conditional');
  element.find('.pb-login-button').click();
  await settle();
  assert.equal(win.credentialCalls.get.at(-1).mediation, undefined, 'the button stopped it for a modal request');
  element.stop();
});

test('login, options refused and the login refused: error events with their codes', async () => {
  const { win } = loginWindow({ 'POST /api/passkeys/login/options': problem(403, 'origin-not-allowed') }, { conditionalGet: false });
  const { element, events } = mount(win, 'PassbridgeLogin', { 'client-id': 'other' });
  element.find('.pb-login-button').click();
  await settle();
  assert.deepEqual(events.map((e) => [e.type, e.detail.code, e.detail.stage]), [[EVENTS.ERROR, 'origin-not-allowed', 'options']]);
  assert.equal(win.credentialCalls.get.length, 0);

  const second = loginWindow({ 'POST /api/passkeys/login': problem(400, 'challenge-expired') }, { conditionalGet: false });
  second.win.navigator.credentials.onGet = async () => fakeCredential('cred-1', { registration: false });
  const mounted = mount(second.win, 'PassbridgeLogin', {});
  mounted.element.find('.pb-login-button').click();
  await settle();
  assert.deepEqual(
    mounted.events.filter((e) => e.type === EVENTS.ERROR).map((e) => [e.detail.code, e.detail.stage]),
    [['challenge-expired', 'login']],
  );
  assert.equal(second.win.signals.length, 0, 'no unknown-credential signal for another problem');
});

test('login, one passkey at a time: a click while the autofill\'s passkey is verified asks for none', async () => {
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  const { win } = loginWindow({ 'POST /api/passkeys/login': () => held.then(() => answer(200, { loginResult: 'eyJ.one' })) });
  win.navigator.credentials.onGet = async () => fakeCredential('cred-1', { registration: false, userHandle: USER_HANDLE });
  const { element, events } = mount(win, 'PassbridgeLogin', { 'client-id': 'shop', for: 'username' });
  await settle();
  assert.equal(win.credentialCalls.get.length, 1, 'the autofill gave a passkey, now verified');
  element.find('.pb-login-button').click();
  await settle();
  assert.equal(win.credentialCalls.get.length, 1, 'no modal request while it is verified');
  release();
  await settle();
  assert.equal(events.filter((e) => e.type === EVENTS.LOGIN).length, 1);
  assert.equal(win.requests.filter((r) => r.path === '/api/passkeys/login').length, 1);
});

test('login, one passkey at a time: the autofill\'s passkey arriving while the button\'s is verified is dropped', async () => {
  let autofillChoice;
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  const { win } = loginWindow({ 'POST /api/passkeys/login': () => held.then(() => answer(200, { loginResult: 'eyJ.two' })) });
  win.navigator.credentials.onGet = (options) =>
    options.mediation === 'conditional'
      ? new Promise((resolve) => {
          autofillChoice = resolve; // already chosen in the browser: the abort comes too late
        })
      : Promise.resolve(fakeCredential('cred-2', { registration: false, userHandle: USER_HANDLE }));
  const { element, events } = mount(win, 'PassbridgeLogin', { 'client-id': 'shop', for: 'username' });
  await settle();
  element.find('.pb-login-button').click();
  await settle();
  autofillChoice(fakeCredential('cred-1', { registration: false, userHandle: USER_HANDLE }));
  await settle();
  release();
  await settle();
  const logins = win.requests.filter((r) => r.path === '/api/passkeys/login');
  assert.deepEqual(logins.map((r) => r.body.credential.id), ['cred-2']);
  assert.deepEqual(events.filter((e) => e.type === EVENTS.LOGIN).map((e) => e.detail.credentialId), ['cred-2']);
});

test('login, stop() aborts the conditional request (a password submit)', async () => {
  const { win } = loginWindow({});
  win.navigator.credentials.onGet = (options) =>
    new Promise((resolve, reject) => options.signal.addEventListener('abort', () => reject(domError('AbortError'))));
  const { element, events } = mount(win, 'PassbridgeLogin', { for: 'username' });
  await settle();
  const signal = win.credentialCalls.get[0].signal;
  assert.equal(signal.aborted, false);
  element.stop();
  await settle();
  assert.equal(signal.aborted, true);
  assert.equal(events.length, 0, 'an abort is not a failure');
});

/** A route answered when the test says so: [route, answerNow(value)]. */
function deferred() {
  let release;
  const answered = new Promise((resolve) => {
    release = resolve;
  });
  return [() => answered, release];
}

test('login, removed while its options are on their way: no request starts, and the next element\'s does', async () => {
  const [slowOptions, answerOptions] = deferred();
  const { win } = loginWindow({ 'POST /api/passkeys/login/options': slowOptions });
  const { element, events } = mount(win, 'PassbridgeLogin', { for: 'username' });
  await settle();
  element.remove(); // a single-page app navigates away
  element.disconnectedCallback();
  answerOptions(answer(200, loginOptions));
  await settle();
  assert.equal(win.credentialCalls.get.length, 0, 'no conditional request from a removed element');
  assert.equal(events.length, 0);

  const next = mount(win, 'PassbridgeLogin', { for: 'username' });
  await settle();
  assert.equal(win.credentialCalls.get.length, 1);
  assert.equal(win.credentialCalls.get[0].signal.aborted, false, 'the new element\'s request runs');
  next.element.stop();
});

test('login, stop() while the options are on their way: the request never starts', async () => {
  const [slowOptions, answerOptions] = deferred();
  const { win } = loginWindow({ 'POST /api/passkeys/login/options': slowOptions });
  const { element, events } = mount(win, 'PassbridgeLogin', { for: 'username' });
  await settle();
  element.stop(); // a password submit
  answerOptions(answer(200, loginOptions));
  await settle();
  assert.equal(win.credentialCalls.get.length, 0);
  assert.equal(events.length, 0);
});

test('login, the button while the autofill\'s options are on their way: one request, the button\'s', async () => {
  const slow = [];
  const { win } = loginWindow({
    'POST /api/passkeys/login/options': () => new Promise((resolve) => slow.push(resolve)),
  });
  win.navigator.credentials.onGet = (options) =>
    new Promise((resolve, reject) => options.signal.addEventListener('abort', () => reject(domError('AbortError'))));
  const { element } = mount(win, 'PassbridgeLogin', { for: 'username' });
  await settle();
  element.find('.pb-login-button').click();
  await settle();
  assert.equal(slow.length, 2, 'the autofill\'s and the button\'s options');
  slow[0](answer(200, loginOptions)); // the autofill's, late
  slow[1](answer(200, loginOptions));
  await settle();
  assert.equal(win.credentialCalls.get.length, 1, 'only the button asks');
  assert.equal(win.credentialCalls.get[0].mediation, undefined, 'a modal request');
  element.stop();
});

/** A page component's shadow root, its host in the body: the root itself is not under the body,
 * so the document cannot see into it. */
function shadowRoot(win) {
  const root = win.document.createElement('shadow-root');
  root.getElementById = (id) => root.find(`#${id}`);
  root.querySelector = () => null;
  root.host = win.document.createElement('page-component');
  win.document.body.append(root.host);
  return root;
}

/** A login element for the input "username", connected inside `root`. */
function mountIn(win, root) {
  const element = new (elementClasses(win).PassbridgeLogin)();
  element.setAttribute('for', 'username');
  element.getRootNode = () => root;
  root.append(element);
  element.connectedCallback();
  return element;
}

test('login inside a shadow root: its input is found there, and the stylesheet linked there', async () => {
  const win = fakeWindow({ routes: { 'POST /api/passkeys/login/options': answer(200, loginOptions) } });
  const root = shadowRoot(win);
  const input = win.document.createElement('input');
  input.id = 'username';
  input.setAttribute('autocomplete', 'username');
  root.append(input);
  const element = mountIn(win, root);
  await settle();
  assert.equal(input.getAttribute('autocomplete'), 'username webauthn');
  assert.ok(root.find('link'), 'passbridge.css is linked inside the shadow root');
  assert.equal(win.document.head.find('link'), null, 'a document stylesheet would not reach it');
  element.stop();
});

test('login inside a shadow root, its input in the page: found in the document', async () => {
  const { win, input } = loginWindow({});
  const root = shadowRoot(win);
  const element = mountIn(win, root);
  await settle();
  assert.equal(input.getAttribute('autocomplete'), 'username webauthn');
  element.stop();
});

test('login, a passkey chosen as the element is removed is not verified (its page is gone)', async () => {
  let choose;
  const { win } = loginWindow({ 'POST /api/passkeys/login': answer(200, { loginId: 'L1' }) });
  win.navigator.credentials.onGet = () => new Promise((resolve) => (choose = resolve));
  const { element, events } = mount(win, 'PassbridgeLogin', { for: 'username' });
  await settle();
  element.remove();
  element.disconnectedCallback();
  choose(fakeCredential('cred-1', { registration: false })); // the abort lost the race
  await settle();
  assert.equal(requestsTo(win, 'POST', '/api/passkeys/login').length, 0);
  assert.equal(events.length, 0);
});

test('login, moved (removed and put back at once): conditional UI runs on', async () => {
  const { win } = loginWindow({});
  win.navigator.credentials.onGet = (options) =>
    new Promise((resolve, reject) => options.signal.addEventListener('abort', () => reject(domError('AbortError'))));
  const { element } = mount(win, 'PassbridgeLogin', { for: 'username' });
  await settle();
  element.remove();
  element.disconnectedCallback();
  win.document.body.append(element);
  element.connectedCallback();
  await settle();
  const live = win.credentialCalls.get.filter((call) => !call.signal.aborted);
  assert.equal(live.length, 1, 'one request runs after the move');
  element.stop();
});

test('login, stop() during the button\'s request: conditional UI does not start again', async () => {
  const { win } = loginWindow({});
  win.navigator.credentials.onGet = (options) =>
    new Promise((resolve, reject) => options.signal.addEventListener('abort', () => reject(domError('AbortError'))));
  const { element, events } = mount(win, 'PassbridgeLogin', { for: 'username', manual: '' });
  element.find('.pb-login-button').click();
  await settle();
  assert.equal(win.credentialCalls.get.length, 1);
  element.stop(); // a password submit
  await settle();
  assert.equal(win.credentialCalls.get.length, 1, 'no conditional request after a stop');
  assert.equal(events.length, 0);
});

// ---- <passbridge-passkey-list> ----------------------------------------------------------------

const passkey = (id, name, extra = {}) => ({
  id,
  name,
  providerName: 'Google Password Manager',
  synced: true,
  createdAt: '2026-03-01T10:00:00Z',
  lastUsedAt: null,
  ...extra,
});

test('list, Connect mode: renders, signals the accepted credentials and the user details from the answer', async () => {
  const win = fakeWindow({
    routes: {
      'GET /api/passkeys': answer(200, [
        passkey('cred-1', 'Laptop', { rpId: 'passbridge.example', userHandle: USER_HANDLE }),
        passkey('cred-2', 'Phone', { rpId: 'passbridge.example', userHandle: USER_HANDLE }),
      ]),
    },
  });
  const { element, events } = mount(win, 'PassbridgePasskeyList', {
    api: 'https://passbridge.example',
    token: 'MANAGE',
    'user-name': 'alice@shop',
    'display-name': 'Alice',
  });
  await settle();
  assert.equal(win.requests[0].headers.Authorization, 'Bearer MANAGE');
  assert.equal(win.requests[0].credentials, 'omit');
  assert.deepEqual(element.findEvery('.passkey-name').map((n) => n.textContent), ['Laptop', 'Phone']);
  assert.equal(element.find('.passkey-meta').textContent, 'Google Password Manager · Synced');
  assert.equal(element.find('.pb-empty').hidden, true);
  assert.deepEqual(win.signals, [
    ['signalAllAcceptedCredentials', { rpId: 'passbridge.example', userId: USER_HANDLE, allAcceptedCredentialIds: ['cred-1', 'cred-2'] }],
    ['signalCurrentUserDetails', { rpId: 'passbridge.example', userId: USER_HANDLE, name: 'alice@shop', displayName: 'Alice' }],
  ]);
  assert.deepEqual(events.map((e) => [e.type, e.detail.count]), [[EVENTS.LISTED, 2]]);
});

test('list, delete: confirmed in the dialog, DELETE, the list again, signalAllAcceptedCredentials without it', async () => {
  const win = fakeWindow({
    routes: {
      'GET /api/passkeys': [
        answer(200, { rpId: 'localhost', userHandle: USER_HANDLE, passkeys: [passkey('cred-1', 'Laptop'), passkey('cred-2', 'Phone')] }),
        answer(200, [passkey('cred-2', 'Phone')]),
        answer(200, []),
      ],
      'DELETE /api/passkeys/cred-1': answer(204),
      'DELETE /api/passkeys/cred-2': answer(204),
    },
  });
  const { element, events } = mount(win, 'PassbridgePasskeyList', { id: 'passkeys' });
  await settle();
  element.find('.delete').click();
  const dialog = element.find('#passkeys-delete-dialog');
  assert.ok(dialog.open);
  assert.equal(element.find('#passkeys-delete-title').textContent, 'Delete “Laptop”?');
  dialog.findEvery('button')[1].click(); // Cancel
  await settle();
  assert.equal(win.requests.filter((r) => r.method === 'DELETE').length, 0);
  assert.equal(element.find('#passkeys-delete-dialog').open, false);

  element.find('.delete').click();
  element.find('#passkeys-delete-dialog').findEvery('button')[0].click(); // Delete
  await settle();
  assert.equal(requestsTo(win, 'DELETE', '/api/passkeys/cred-1').length, 1);
  assert.deepEqual(element.findEvery('.passkey-name').map((n) => n.textContent), ['Phone']);
  const accepted = win.signals.filter(([name]) => name === 'signalAllAcceptedCredentials').map(([, o]) => o);
  assert.deepEqual(accepted.at(-1), { rpId: 'localhost', userId: USER_HANDLE, allAcceptedCredentialIds: ['cred-2'] });
  assert.deepEqual(events.filter((e) => e.type === EVENTS.DELETED).map((e) => e.detail), [{ id: 'cred-1', name: 'Laptop' }]);
  assert.equal(element.find('.pb-message').textContent, 'Deleted “Laptop”.');

  // the last one: the list answer no longer names the user, the element remembers the handle
  element.find('.delete').click();
  element.find('#passkeys-delete-dialog').findEvery('button')[0].click();
  await settle();
  const last = win.signals.filter(([name]) => name === 'signalAllAcceptedCredentials').at(-1)[1];
  assert.deepEqual(last, { rpId: 'localhost', userId: USER_HANDLE, allAcceptedCredentialIds: [] });
  assert.equal(element.find('.pb-empty').hidden, false);
  assert.equal(element.find('.pb-empty').textContent, 'You have no passkeys yet.');
});

test('list, hosted mode: user handle and rp id from the attributes; no handle, no signal', async () => {
  const win = fakeWindow({ routes: { 'GET /api/passkeys': answer(200, [passkey('cred-1', 'Laptop')]) } });
  mount(win, 'PassbridgePasskeyList', { 'user-handle': USER_HANDLE, 'rp-id': 'example.com' });
  await settle();
  assert.deepEqual(win.signals[0], ['signalAllAcceptedCredentials', { rpId: 'example.com', userId: USER_HANDLE, allAcceptedCredentialIds: ['cred-1'] }]);
  assert.equal(win.signals.length, 1, 'no user name: no user details signal');

  const anonymous = fakeWindow({ routes: { 'GET /api/passkeys': answer(200, [passkey('cred-1', 'Laptop')]) } });
  mount(anonymous, 'PassbridgePasskeyList', {});
  await settle();
  assert.equal(anonymous.signals.length, 0);
  assert.equal(anonymous.requests[0].credentials, 'same-origin');
});

test('list, rename: one form open at a time, each field says its passkey, Escape closes it', async () => {
  const win = fakeWindow({
    routes: { 'GET /api/passkeys': answer(200, [passkey('cred-1', 'Laptop'), passkey('cred-2', 'Phone')]) },
  });
  const { element } = mount(win, 'PassbridgePasskeyList', { id: 'keys' });
  await settle();
  const [first, second] = element.findEvery('.passkey');
  element.say('Renamed to “Work laptop”.');
  first.find('.rename').click();
  assert.equal(element.find('.pb-message').textContent, '', 'no earlier outcome describes the field');
  assert.equal(first.find('.rename-form').hidden, false);
  second.find('.rename').click();
  assert.equal(first.find('.rename-form').hidden, true, 'opening a second form closes the first');
  assert.equal(first.find('.rename').hidden, false);
  assert.equal(second.find('.rename-form').hidden, false);
  const input = second.find('.rename-input');
  const [nameId, messageId] = input.getAttribute('aria-describedby').split(' ');
  assert.equal(element.find(`#${nameId}`).textContent, 'Phone', 'the field is described by its passkey\'s name');
  assert.equal(element.find(`#${messageId}`), element.find('.pb-message'), 'and by the element\'s message');
  const escape = new Event('keydown', { cancelable: true });
  Object.defineProperty(escape, 'key', { value: 'Escape' });
  second.find('.rename-form').dispatchEvent(escape);
  assert.equal(second.find('.rename-form').hidden, true);
  assert.equal(second.find('.rename').focused, true, 'the focus goes back to its Rename button');
});

test('list, removed with the delete dialog open: the dialog closes and nothing is deleted', async () => {
  const win = fakeWindow({ routes: { 'GET /api/passkeys': answer(200, [passkey('cred-1', 'Laptop')]) } });
  const { element } = mount(win, 'PassbridgePasskeyList', { id: 'keys' });
  await settle();
  element.find('.delete').click();
  await settle();
  const dialog = element.find('#keys-delete-dialog');
  assert.equal(dialog.open, true);
  element.remove();
  element.disconnectedCallback();
  await settle();
  assert.equal(dialog.open, false, 'no dialog left open for a re-added list');
  assert.equal(win.requests.filter((r) => r.method === 'DELETE').length, 0);
});

test('list, a passkey deleted elsewhere: the refused rename and delete read the list again', async () => {
  const gone = problem(404, 'passkey-not-found', { detail: 'You have no passkey with this id.' });
  const win = fakeWindow({
    routes: {
      'GET /api/passkeys': [answer(200, [passkey('cred-1', 'Laptop'), passkey('cred-2', 'Phone')]), answer(200, [passkey('cred-2', 'Phone')]), answer(200, [])],
      'PATCH /api/passkeys/cred-1': gone,
      'DELETE /api/passkeys/cred-2': gone,
    },
  });
  const { element, events } = mount(win, 'PassbridgePasskeyList', { id: 'keys' });
  await settle();
  element.find('.rename').click();
  element.find('.rename-input').value = 'Work laptop';
  element.find('.rename-form').submit();
  await settle();
  assert.equal(requestsTo(win, 'GET', '/api/passkeys').length, 2, 'the list is read again');
  assert.deepEqual(element.findEvery('.passkey').map((li) => li.getAttribute('data-id')), ['cred-2']);
  assert.deepEqual(events.map((e) => e.type), [EVENTS.LISTED, EVENTS.LISTED, EVENTS.ERROR],
    'the failure comes after the redraw: a page that shows it can put the focus on it');
  assert.equal(element.find('.pb-message').hidden, false, 'the refusal is still said');
  assert.equal(element.find('.pb-message').focused, true, 'the focus is not lost with the removed form');

  element.find('.delete').click();
  await settle();
  element.find('#keys-delete-dialog').close('delete');
  await settle();
  assert.equal(requestsTo(win, 'GET', '/api/passkeys').length, 3);
  assert.equal(element.findEvery('.passkey').length, 0);
  assert.deepEqual(events.filter((e) => e.type === EVENTS.ERROR).map((e) => [e.detail.stage, e.detail.code]), [
    ['rename', 'passkey-not-found'],
    ['delete', 'passkey-not-found'],
  ]);
});

test('list, a page that shows the errors itself: after the redraw its handler can take the focus', async () => {
  const win = fakeWindow({
    routes: {
      'GET /api/passkeys': [answer(200, [passkey('cred-1', 'Laptop')]), answer(200, [])],
      'PATCH /api/passkeys/cred-1': problem(404, 'passkey-not-found'),
    },
  });
  const { element } = mount(win, 'PassbridgePasskeyList', {});
  await settle();
  const alert = win.document.createElement('p');
  win.document.body.append(alert);
  let listedWhenFailed = null;
  element.addEventListener(EVENTS.ERROR, (event) => {
    event.preventDefault();
    listedWhenFailed = element.findEvery('.passkey').length;
    alert.focus();
  });
  element.find('.rename').click();
  element.find('.rename-form').submit();
  await settle();
  assert.equal(listedWhenFailed, 0, 'the list was drawn again before the error');
  assert.equal(alert.focused, true);
  assert.equal(element.find('.pb-message').hidden, true, 'the page said it, not the element');
});

test('list, a rename with no answer at all (offline): the list is not read again', async () => {
  const win = fakeWindow({ routes: { 'GET /api/passkeys': answer(200, [passkey('cred-1', 'Laptop')]) } });
  win.fetch = async (url, init) => {
    if (init.method === 'PATCH') {
      throw new TypeError('Failed to fetch');
    }
    return answer(200, [passkey('cred-1', 'Laptop')]);
  };
  const { element, events } = mount(win, 'PassbridgePasskeyList', {});
  await settle();
  element.find('.rename').click();
  element.find('.rename-form').submit();
  await settle();
  assert.equal(events.find((e) => e.type === EVENTS.ERROR)?.detail.code, 'network-error');
  assert.equal(element.find('.rename-form').hidden, false, 'the form stays for another try');
  assert.equal(element.find('.rename-input').focused, true);
});

test('list, rename: a blank name is refused on the page, a real one is PATCHed', async () => {
  const win = fakeWindow({
    routes: {
      'GET /api/passkeys': [answer(200, [passkey('cred-1', 'Laptop')]), answer(200, [passkey('cred-1', 'My laptop')])],
      'PATCH /api/passkeys/cred-1': answer(200, {}),
    },
  });
  const { element, events } = mount(win, 'PassbridgePasskeyList', {});
  await settle();
  element.find('.rename').click();
  const form = element.find('.rename-form');
  const input = element.find('.rename-input');
  assert.equal(form.hidden, false);
  assert.equal(input.value, 'Laptop');
  input.value = '   ';
  form.submit();
  await settle();
  assert.equal(win.requests.filter((r) => r.method === 'PATCH').length, 0);
  assert.deepEqual(events.filter((e) => e.type === EVENTS.ERROR).map((e) => [e.detail.code, e.detail.message]), [
    ['invalid-name', 'A name needs 1 to 64 characters.'],
  ]);
  input.value = '  My   laptop ';
  form.submit();
  await settle();
  assert.deepEqual(requestsTo(win, 'PATCH', '/api/passkeys/cred-1')[0].body, { name: 'My laptop' });
  assert.deepEqual(events.filter((e) => e.type === EVENTS.RENAMED).map((e) => e.detail), [{ id: 'cred-1', name: 'My laptop' }]);
  assert.equal(element.find('.passkey-name').textContent, 'My laptop');
});

test('list, rename refused: the service\'s reason per field, the field marked and focused; after a rename the focus is on its Rename button', async () => {
  const win = fakeWindow({
    routes: {
      'GET /api/passkeys': [answer(200, [passkey('cred-1', 'Laptop')]), answer(200, [passkey('cred-1', 'Work')])],
      'PATCH /api/passkeys/cred-1': [
        problem(400, 'validation-failed', { errors: { name: 'must not contain control or format characters' } }),
        answer(200, {}),
      ],
    },
  });
  const { element, events } = mount(win, 'PassbridgePasskeyList', {});
  await settle();
  element.find('.rename').click();
  const input = element.find('.rename-input');
  input.value = 'Work\u200ekey';
  element.find('.rename-form').submit();
  await settle();
  const refused = events.filter((e) => e.type === EVENTS.ERROR).map((e) => e.detail);
  assert.equal(refused.length, 1);
  assert.equal(refused[0].message, 'Name: must not contain control or format characters.');
  assert.deepEqual(refused[0].errors, { name: 'must not contain control or format characters' });
  assert.equal(input.getAttribute('aria-invalid'), 'true');
  assert.equal(input.focused, true);

  input.value = 'Work';
  element.find('.rename-form').submit();
  await settle();
  assert.deepEqual(events.filter((e) => e.type === EVENTS.RENAMED).map((e) => e.detail), [{ id: 'cred-1', name: 'Work' }]);
  // the list was drawn again: the new item's Rename button has the focus
  assert.equal(element.find('.rename').focused, true);
});

test('list, rename: one request at a time', async () => {
  let release;
  const win = fakeWindow({
    routes: {
      'GET /api/passkeys': answer(200, [passkey('cred-1', 'Laptop')]),
      'PATCH /api/passkeys/cred-1': () => new Promise((resolve) => { release = () => resolve(answer(200, {})); }),
    },
  });
  const { element } = mount(win, 'PassbridgePasskeyList', {});
  await settle();
  element.find('.rename').click();
  element.find('.rename-input').value = 'New';
  element.find('.rename-form').submit();
  element.find('.rename-form').submit();
  await settle();
  assert.equal(requestsTo(win, 'PATCH', '/api/passkeys/cred-1').length, 1);
  release?.();
  await settle();
});

test('list, failures: listing, renaming and deleting answer problems, each an error event', async () => {
  const win = fakeWindow({
    routes: {
      'GET /api/passkeys': [answer(200, [passkey('cred-1', 'Laptop')]), problem(401, 'unauthenticated')],
      'PATCH /api/passkeys/cred-1': problem(403, 'insufficient-scope'),
      'DELETE /api/passkeys/cred-1': problem(404, 'not-found'),
    },
  });
  const { element, events } = mount(win, 'PassbridgePasskeyList', { token: 'APPEND-ONLY' });
  await settle();
  element.find('.rename').click();
  element.find('.rename-input').value = 'New';
  element.find('.rename-form').submit();
  await settle();
  element.find('.delete').click();
  element.find('.pb-dialog').findEvery('button')[0].click();
  await settle();
  await element.reload();
  assert.deepEqual(
    events.filter((e) => e.type === EVENTS.ERROR).map((e) => [e.detail.code, e.detail.stage, e.detail.status]),
    [
      ['insufficient-scope', 'rename', 403],
      ['not-found', 'delete', 404],
      ['unauthenticated', 'list', 401],
    ],
  );
  assert.equal(events.filter((e) => e.type === EVENTS.DELETED || e.type === EVENTS.RENAMED).length, 0);
});

test('list, empty-text: its own sentence, or none when the attribute is empty', async () => {
  const win = fakeWindow({ routes: { 'GET /api/passkeys': answer(200, []) } });
  const { element } = mount(win, 'PassbridgePasskeyList', { 'empty-text': 'Nothing here yet.' });
  await settle();
  assert.equal(element.find('.pb-empty').textContent, 'Nothing here yet.');
  assert.equal(element.find('.pb-empty').hidden, false);
  const quiet = fakeWindow({ routes: { 'GET /api/passkeys': answer(200, []) } });
  const other = mount(quiet, 'PassbridgePasskeyList', { 'empty-text': '' });
  await settle();
  assert.equal(other.element.find('.pb-empty').hidden, true);
});

// ---- definition and the stylesheet ------------------------------------------------------------

test('defineElements defines the three elements once and links passbridge.css once', () => {
  const win = fakeWindow();
  const defined = new Map();
  win.customElements = { get: (name) => defined.get(name), define: (name, cls) => defined.set(name, cls) };
  const classes = defineElements(win);
  assert.deepEqual([...defined.keys()], ['passbridge-append', 'passbridge-login', 'passbridge-passkey-list']);
  defineElements(win);
  assert.equal(defined.size, 3);
  const list = new classes.PassbridgePasskeyList();
  list.setAttribute('manual', '');
  const other = new classes.PassbridgePasskeyList();
  other.setAttribute('manual', '');
  list.connectedCallback();
  other.connectedCallback();
  const links = win.document.head.findEvery('link');
  assert.equal(links.length, 1);
  assert.equal(links[0].getAttribute('rel'), 'stylesheet');
  assert.match(links[0].getAttribute('href'), /\/sdk\/v1\/passbridge\.css$/);
  assert.equal(defineElements({}), null, 'no custom elements: nothing defined');
});

test('no second stylesheet when the page links passbridge.css itself', () => {
  const win = fakeWindow();
  const own = win.document.createElement('link');
  own.setAttribute('rel', 'stylesheet');
  own.setAttribute('href', '/sdk/v1/passbridge.css');
  win.document.head.append(own);
  const list = new (elementClasses(win).PassbridgePasskeyList)();
  list.setAttribute('manual', '');
  list.connectedCallback();
  assert.equal(win.document.head.findEvery('link').length, 1);
});

test('passbridge.css: hidden parts stay hidden whatever display the page gives forms and buttons', async () => {
  const { readFile } = await import('node:fs/promises');
  const css = await readFile(new URL('../../main/resources/META-INF/resources/sdk/v1/passbridge.css', import.meta.url), 'utf8');
  const rule = css.split('\n').find((line) => line.includes('[hidden]') && !line.trimStart().startsWith('/*'));
  assert.ok(rule, 'a rule for [hidden]');
  assert.match(rule, /display:\s*none\s*!important/, 'it must win over the page\'s own display rules');
  for (const scope of ['passbridge-append', 'passbridge-login', 'passbridge-passkey-list', '.pb-dialog']) {
    assert.ok(rule.includes(scope), `it covers ${scope}`);
  }
});

test('login, the autofill asks for fresh options before its ceremony expires (a page left open: no challenge-expired)', async () => {
  const { win } = loginWindow({
    'POST /api/passkeys/login/options': answer(200, { ...loginOptions, publicKey: { ...loginOptions.publicKey, timeout: 300000 } }),
  });
  win.navigator.credentials.onGet = (options) =>
    new Promise((resolve, reject) => options.signal.addEventListener('abort', () => reject(domError('AbortError'))));
  const { events } = mount(win, 'PassbridgeLogin', { for: 'username' });
  await settle();
  assert.equal(win.credentialCalls.get.length, 1);
  const first = win.credentialCalls.get[0].signal;
  const refresh = win.timers.find((t) => !t.cleared);
  assert.equal(refresh.ms, 270000, 'a tenth (at most 30 s) before the 5 minutes run out');

  win.fireTimers();
  await settle();
  assert.equal(first.aborted, true, 'the old request ends');
  assert.equal(requestsTo(win, 'POST', '/api/passkeys/login/options').length, 2, 'fresh options');
  assert.equal(win.credentialCalls.get.length, 2);
  assert.equal(win.credentialCalls.get[1].signal.aborted, false);
  assert.equal(events.length, 0, 'a refresh is no failure');
});

test('login, a passkey chosen before the refresh clears its timer', async () => {
  const { win } = loginWindow({ 'POST /api/passkeys/login': answer(200, { loginId: 'login-1' }) });
  win.navigator.credentials.onGet = async () => fakeCredential('cred-1', { registration: false, userHandle: USER_HANDLE });
  mount(win, 'PassbridgeLogin', { for: 'username' });
  await settle();
  assert.ok(win.timers.length >= 1);
  assert.ok(win.timers.every((t) => t.cleared), 'no refresh pending after the request ended');
});

test('login, refreshAfterMs: a tenth before, at most 30 s, at least 1 s, 5 minutes without a timeout', async () => {
  const { refreshAfterMs } = await import('../../main/resources/META-INF/resources/sdk/v1/elements.mjs');
  assert.equal(refreshAfterMs(300000), 270000);
  assert.equal(refreshAfterMs(60000), 54000);
  assert.equal(refreshAfterMs(1000), 1000);
  assert.equal(refreshAfterMs(undefined), 270000);
});

test('login, disabled: the button cannot be pressed (a page whose password form is on its way)', async () => {
  const { win } = loginWindow({});
  const { element } = mount(win, 'PassbridgeLogin', { for: 'username' });
  await settle();
  assert.equal(element.disabled, false);
  element.disabled = true;
  assert.equal(element.find('.pb-login-button').disabled, true);
  element.disabled = false;
  assert.equal(element.find('.pb-login-button').disabled, false);
});
