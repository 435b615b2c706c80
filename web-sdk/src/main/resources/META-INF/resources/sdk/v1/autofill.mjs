// Was the password autofilled by the browser's password manager? (docs/architecture.md §5: the field matched :autofill /
// :-webkit-autofill at submit and received no typing.) A user edit is a trusted `input` event whose
// inputType starts with "insert" or "delete" (typing, deleting, pasting, dropping), except
// "insertReplacementText": the browser itself replacing the whole value (AutoFill in WebKit, spelling
// suggestions). Autofill in Chromium fires an `input` event without an inputType.

/** @param {{isTrusted?: boolean, inputType?: string}} event */
export function isUserEdit(event) {
  if (!event || event.isTrusted === false) {
    return false;
  }
  const type = event.inputType;
  if (typeof type !== 'string' || type === 'insertReplacementText') {
    return false;
  }
  return type.startsWith('insert') || type.startsWith('delete');
}

/** Whether an element currently shows the browser's autofill state. */
export function matchesAutofill(element) {
  if (!element || typeof element.matches !== 'function') {
    return false;
  }
  for (const selector of [':autofill', ':-webkit-autofill']) {
    try {
      if (element.matches(selector)) {
        return true;
      }
    } catch (error) {
      // selector not supported by this browser: try the next one
    }
  }
  return false;
}

/** Tracks one field: feed it the field's input events, ask for the verdict at submit. */
export function createAutofillTracker() {
  let typed = false;
  return {
    onInput(event) {
      if (isUserEdit(event)) {
        typed = true;
      }
    },
    reset() {
      typed = false;
    },
    get typed() {
      return typed;
    },
    /** @param {boolean} matchedAutofill the field matched :autofill at submit */
    verdict(matchedAutofill) {
      return matchedAutofill === true && !typed;
    },
  };
}
