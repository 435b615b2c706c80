// Small DOM helpers for the pages (not used by the pure modules, not loaded by node tests).

import { api } from '/sdk/v1/api.mjs';

export const $ = (selector, root = document) => root.querySelector(selector);

let configPromise = null;

/** GET /app-config.json once per page. */
export function loadConfig() {
  if (!configPromise) {
    configPromise = api('GET', '/app-config.json').then((r) =>
      r.ok && r.data
        ? r.data
        : { conditionalCreateTimeoutMs: 10000, otpResendCooldownSeconds: 30, rpId: null, devTools: false },
    );
  }
  return configPromise;
}

export async function rpId() {
  const config = await loadConfig();
  return config.rpId || window.location.hostname;
}

/** Shows a message in a live region; kind "error" uses the alert region so it is announced. */
export function say(element, message, kind = 'info') {
  if (!element) {
    return;
  }
  element.textContent = message ?? '';
  element.dataset.kind = kind;
  // a polite live region stays rendered while empty (the CSS gives it no room then): one shown
  // only together with its text is not announced by screen readers ("Your passkey is ready")
  element.hidden = !message && element.getAttribute('aria-live') !== 'polite';
}

export function setBusy(form, busy) {
  for (const control of form.querySelectorAll('button, input')) {
    control.disabled = busy;
  }
  form.setAttribute('aria-busy', busy ? 'true' : 'false');
}

export function go(path) {
  window.location.assign(path);
}

/** Goes on without leaving this page in the history (Back then skips it). */
export function goInstead(path) {
  window.location.replace(path);
}

/** Stored between the login, OTP and dashboard pages of one tab. */
export const store = {
  get(key) {
    try {
      return JSON.parse(sessionStorage.getItem(`pb.${key}`) ?? 'null');
    } catch (error) {
      return null;
    }
  },
  set(key, value) {
    sessionStorage.setItem(`pb.${key}`, JSON.stringify(value));
  },
  remove(key) {
    sessionStorage.removeItem(`pb.${key}`);
  },
};
