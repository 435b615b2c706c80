import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseUpgradePath, errorNameOf, isPending, runConditionalCreate } from '../../main/resources/META-INF/resources/sdk/v1/upgrade.mjs';

const decision = (action) => ({ action, ceremonyId: 'c1', publicKey: { challenge: 'AQ' } });

test('creates silently only when the browser can', () => {
  assert.equal(chooseUpgradePath(decision('CONDITIONAL_CREATE'), { conditionalCreate: true }), 'conditional');
  assert.equal(chooseUpgradePath(decision('CONDITIONAL_CREATE'), { conditionalCreate: false }), 'prompt');
  assert.equal(chooseUpgradePath(decision('CONDITIONAL_CREATE'), {}), 'prompt', 'missing counts as false');
  assert.equal(chooseUpgradePath(decision('CONDITIONAL_CREATE'), undefined), 'prompt');
});

test('prompts for PROMPT and does nothing for NONE or an incomplete decision', () => {
  assert.equal(chooseUpgradePath(decision('PROMPT'), { conditionalCreate: true }), 'prompt');
  assert.equal(chooseUpgradePath({ action: 'NONE', reason: 'HAS_PASSKEY' }, {}), 'none');
  assert.equal(chooseUpgradePath({ action: 'PROMPT', ceremonyId: 'c1' }, {}), 'none');
  assert.equal(chooseUpgradePath(null, {}), 'none');
  assert.equal(chooseUpgradePath(decision('SOMETHING_NEW'), {}), 'none');
});

test('reports DOMException names and nothing else', () => {
  assert.equal(errorNameOf({ name: 'NotAllowedError' }), 'NotAllowedError');
  assert.equal(errorNameOf({ name: 'InvalidStateError' }), 'InvalidStateError');
  assert.equal(errorNameOf({ name: '<script>' }), 'UnknownError');
  assert.equal(errorNameOf(undefined), 'UnknownError');
});

function fakeTimers() {
  const timers = { pending: null, cleared: false };
  timers.set = (fn, ms) => {
    timers.pending = { fn, ms };
    return 1;
  };
  timers.clear = () => {
    timers.cleared = true;
  };
  return timers;
}

test('asks for a conditional create and returns the credential', async () => {
  const timers = fakeTimers();
  let request = null;
  const credentials = {
    create: async (options) => {
      request = options;
      return { id: 'new' };
    },
  };
  const result = await runConditionalCreate({ publicKey: { x: 1 }, timeoutMs: 7000, credentials, setTimeoutFn: timers.set, clearTimeoutFn: timers.clear });
  assert.deepEqual(result, { credential: { id: 'new' } });
  assert.equal(request.mediation, 'conditional');
  assert.deepEqual(request.publicKey, { x: 1 });
  assert.ok(request.signal instanceof AbortSignal);
  assert.equal(timers.pending.ms, 7000);
  assert.equal(timers.cleared, true);
});

test('aborts after the wait and reports AbortError', async () => {
  const timers = fakeTimers();
  const credentials = {
    create: ({ signal }) =>
      new Promise((_, reject) => {
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      }),
  };
  const pending = runConditionalCreate({ publicKey: {}, timeoutMs: 10, credentials, setTimeoutFn: timers.set, clearTimeoutFn: timers.clear });
  timers.pending.fn(); // the wait is over
  assert.deepEqual(await pending, { errorName: 'AbortError' });
});

test('reports the browser error name when the create fails by itself', async () => {
  const timers = fakeTimers();
  const credentials = { create: async () => { throw new DOMException('no', 'NotAllowedError'); } };
  assert.deepEqual(
    await runConditionalCreate({ publicKey: {}, timeoutMs: 10, credentials, setTimeoutFn: timers.set, clearTimeoutFn: timers.clear }),
    { errorName: 'NotAllowedError' },
  );
  const nothing = { create: async () => null };
  assert.deepEqual(
    await runConditionalCreate({ publicKey: {}, timeoutMs: 10, credentials: nothing, setTimeoutFn: timers.set, clearTimeoutFn: timers.clear }),
    { errorName: 'NotAllowedError' },
  );
});

test('asks again only while the decision is pending', () => {
  assert.equal(isPending({ action: 'NONE', reason: 'PENDING' }), true);
  assert.equal(isPending({ action: 'NONE', reason: 'HAS_PASSKEY' }), false);
  assert.equal(isPending({ action: 'PROMPT', reason: null }), false);
  assert.equal(isPending(null), false);
});
