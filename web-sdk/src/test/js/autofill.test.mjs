import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAutofillTracker, isUserEdit, matchesAutofill } from '../../main/resources/META-INF/resources/sdk/v1/autofill.mjs';

test('typing, deleting, pasting and dropping are user edits', () => {
  for (const inputType of ['insertText', 'insertFromPaste', 'insertFromDrop', 'deleteContentBackward', 'deleteByCut']) {
    assert.equal(isUserEdit({ isTrusted: true, inputType }), true, inputType);
  }
});

test('autofill events are not user edits', () => {
  assert.equal(isUserEdit({ isTrusted: true }), false); // Chromium autofill: no inputType
  assert.equal(isUserEdit({ isTrusted: true, inputType: '' }), false);
  assert.equal(isUserEdit({ isTrusted: true, inputType: 'insertReplacementText' }), false); // WebKit AutoFill
  assert.equal(isUserEdit({ isTrusted: false, inputType: 'insertText' }), false); // script-made
  assert.equal(isUserEdit(null), false);
});

test('autofilled and untouched is reported as autofilled', () => {
  const tracker = createAutofillTracker();
  tracker.onInput({ isTrusted: true }); // the password manager fills the field
  assert.equal(tracker.verdict(true), true);
});

test('any typing in the field makes it not autofilled', () => {
  const tracker = createAutofillTracker();
  tracker.onInput({ isTrusted: true });
  tracker.onInput({ isTrusted: true, inputType: 'deleteContentBackward' });
  assert.equal(tracker.typed, true);
  assert.equal(tracker.verdict(true), false);
});

test('without the autofill state it is not autofilled, and reset starts over', () => {
  const tracker = createAutofillTracker();
  assert.equal(tracker.verdict(false), false);
  tracker.onInput({ isTrusted: true, inputType: 'insertText' });
  tracker.reset();
  assert.equal(tracker.verdict(true), true);
});

test('matches :autofill, falls back to :-webkit-autofill, survives unknown selectors', () => {
  const standard = { matches: (s) => s === ':autofill' };
  const webkitOnly = {
    matches: (s) => {
      if (s === ':autofill') throw new SyntaxError('unknown pseudo-class');
      return s === ':-webkit-autofill';
    },
  };
  const neither = {
    matches: () => {
      throw new SyntaxError('unknown pseudo-class');
    },
  };
  assert.equal(matchesAutofill(standard), true);
  assert.equal(matchesAutofill(webkitOnly), true);
  assert.equal(matchesAutofill(neither), false);
  assert.equal(matchesAutofill({ matches: () => false }), false);
  assert.equal(matchesAutofill(null), false);
});
