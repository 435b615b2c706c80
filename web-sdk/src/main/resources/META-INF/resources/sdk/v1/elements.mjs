// The SDK's custom elements: <passbridge-append>, <passbridge-login>, <passbridge-passkey-list>.
// Light DOM (the page's own stylesheet can reach inside), no inline style (strict CSP): the look
// comes from passbridge.css next to this file, linked once per document. Every success and every
// failure is a DOM event (bubbling, composed, cancelable): a page that calls preventDefault() shows
// the message itself, otherwise the element shows it in its own status line.
//
// The classes are built by elementClasses(win) over a window-like object (HTMLElement, document,
// navigator, PublicKeyCredential, fetch, timers) so node tests can run them over a small fake DOM.

import { apiClient } from './api.mjs';
import { acceptedCredentialIds, cleanName, describePasskey, passkeyList } from './passkeys.mjs';
import { messageFor } from './problems.mjs';
import { chooseUpgradePath, DISMISSED, errorNameOf, isPending, runConditionalCreate } from './upgrade.mjs';
import {
  collectCapabilities,
  conditionalGetAvailable,
  creationOptionsFromJSON,
  credentialToJSON,
  requestOptionsFromJSON,
  signalAcceptedCredentials,
  signalUnknownCredential,
  signalUserDetails,
} from './webauthn.mjs';

export const EVENTS = Object.freeze({
  APPENDED: 'passbridge:appended',
  SKIPPED: 'passbridge:skipped',
  DISMISSED: 'passbridge:dismissed',
  ERROR: 'passbridge:error',
  LOGIN: 'passbridge:login',
  VERIFYING: 'passbridge:verifying',
  LISTED: 'passbridge:listed',
  RENAMED: 'passbridge:renamed',
  DELETED: 'passbridge:deleted',
});

export const DEFAULT_CONDITIONAL_TIMEOUT_MS = 10000;
/** Conditional UI restarts after a failed passkey login at most this often per element. */
export const LOGIN_RESTARTS = 3;

const STYLESHEET_URL = new URL('./passbridge.css', import.meta.url).href;
const PASSKEY_ICON_URL = new URL('./passkey.svg', import.meta.url).href;
let counter = 0;
/** Documents whose passbridge.css link is in place (linked by an element or by the page). */
const styled = new WeakSet();

/**
 * What a failed modal passkey request tells the page, by the browser's error name: the person
 * cancelled (or the request timed out: browsers report both as NotAllowedError, on purpose), the
 * page may not use passkeys for this site (SecurityError: the relying party id does not fit the
 * page's origin, a deployment mistake the page should log), the browser cannot (NotSupportedError),
 * or the authenticator failed.
 */
function getFailure(name) {
  switch (name) {
    case 'NotAllowedError':
      return { code: 'cancelled', message: 'Passkey sign-in was cancelled or timed out.' };
    case 'SecurityError':
      return { code: 'not-allowed-here', message: 'Passkeys cannot be used on this page. Use your password.' };
    case 'NotSupportedError':
      return { code: 'not-supported', message: 'This browser cannot sign in with a passkey here. Use your password.' };
    default:
      return { code: 'get-failed', message: 'Passkey sign-in did not work on this device. Use your password.' };
  }
}

/**
 * The problem of an API answer as a passbridge:error detail; with `errors` when the answer has
 * reasons per field (`validation-failed`: {name: "must not contain …"}), which `message` also says.
 */
export function apiError(result, stage) {
  const problem = result?.problem ?? null;
  const detail = {
    name: 'ApiError',
    code: problem?.code ?? 'unknown',
    message: messageFor(problem),
    status: result?.status ?? 0,
    stage,
  };
  if (problem?.errors && typeof problem.errors === 'object') {
    detail.errors = problem.errors;
  }
  return detail;
}

/** The default ceremony lifetime (passkey-service's `ceremony-ttl`) when options name no timeout. */
const DEFAULT_CEREMONY_MS = 5 * 60 * 1000;

/**
 * When the autofill asks for fresh options: a tenth (at most 30 s, at least 1 s) before the
 * options' `timeout` (the ceremony's lifetime) runs out.
 */
export function refreshAfterMs(timeoutMs) {
  const ttl = Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : DEFAULT_CEREMONY_MS;
  return Math.max(1000, ttl - Math.min(30_000, Math.ceil(ttl / 10)));
}

export function elementClasses(win = globalThis) {
  const nav = () => win.navigator;
  const PKC = () => win.PublicKeyCredential;

  class PassbridgeElement extends win.HTMLElement {
    /** The api client for this element's mode (attributes are read on every call). */
    client() {
      const base = this.getAttribute('api');
      const token = this.getAttribute('token');
      return apiClient({
        base,
        token,
        omitCredentials: this.hasAttribute('client-id') || !!token,
        fetchFn: (...args) => win.fetch(...args),
      });
    }

    /** A stable prefix for the ids inside (the element's own id, else a generated one). */
    get prefix() {
      if (!this._prefix) {
        this._prefix = this.id || `passbridge-${++counter}`;
      }
      return this._prefix;
    }

    /** The RP ID for the Signal API: a server's hint, the rp-id attribute, the API's host, this page's host. */
    rpId(hint) {
      if (typeof hint === 'string' && hint) {
        return hint;
      }
      const attribute = this.getAttribute('rp-id');
      if (attribute) {
        return attribute;
      }
      const base = this.getAttribute('api');
      if (base) {
        try {
          return new URL(base).hostname;
        } catch (error) {
          // not a URL: the page's host below
        }
      }
      return win.location?.hostname ?? null;
    }

    /** Dispatches an event; false when the page called preventDefault() (it shows the message). */
    emit(type, detail = {}) {
      return this.dispatchEvent(new win.CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: true }));
    }

    /** Emits, then shows the message unless the page took it over. */
    announce(type, detail, message, kind) {
      const own = this.emit(type, detail);
      if (own) {
        this.say(message ?? '', kind);
      }
      return detail;
    }

    fail(detail) {
      return this.announce(EVENTS.ERROR, detail, detail.message, 'error');
    }

    say(message, kind = 'info') {
      if (!this._message) {
        return;
      }
      this._message.textContent = message;
      this._message.dataset.kind = kind;
      this._message.hidden = !message;
    }

    /** Creates an element: h('button', {type: 'button', className: 'x'}, 'text', child). */
    h(tag, props = {}, ...children) {
      const node = win.document.createElement(tag);
      for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null || value === false) {
          continue;
        }
        if (key === 'className' || key === 'textContent' || key === 'hidden' || key === 'htmlFor') {
          node[key] = value;
        } else {
          node.setAttribute(key, value === true ? '' : String(value));
        }
      }
      for (const child of children) {
        if (child !== null && child !== undefined) {
          node.append(child);
        }
      }
      return node;
    }

    messageLine() {
      this._message = this.h('p', {
        id: `${this.prefix}-message`,
        tabindex: -1, // focusable by the element when the control that had the focus is gone
        className: 'pb-message',
        role: 'status',
        'aria-live': 'polite',
        hidden: true,
      });
      return this._message;
    }

    /**
     * The document, or the shadow root the element was put in: where the `for` input is looked up
     * and the stylesheet linked (a document's stylesheet does not reach into a shadow root).
     */
    root() {
      const root = typeof this.getRootNode === 'function' ? this.getRootNode() : null;
      return root && root !== win.document && typeof root.getElementById === 'function' ? root : win.document;
    }

    /** Links passbridge.css once per document or shadow root (a stylesheet, not inline style: CSP style-src). */
    linkStylesheet() {
      const root = this.root();
      const target = root?.nodeType === 9 || root === win.document ? root?.head : root;
      if (this.hasAttribute('no-stylesheet') || !target || styled.has(root)) {
        return;
      }
      styled.add(root);
      if (root.querySelector?.('link[rel="stylesheet"][href$="/sdk/v1/passbridge.css"]')) {
        return; // the page links it already
      }
      target.append(this.h('link', { rel: 'stylesheet', href: STYLESHEET_URL, 'data-passbridge': 'sdk' }));
    }

    /**
     * Whether the work begun under `controller` is still wanted: not stopped, and the element still
     * in the document. Checked after every wait, so an element a page removed (a single-page app's
     * navigation) or stopped while it waited for the service starts no WebAuthn request: one left
     * running would block the next page's ("A request is already pending").
     */
    wanted(controller) {
      return !controller.signal.aborted && this.isConnected !== false;
    }

    /**
     * Runs `leave` when the element was removed, not moved: a page that moves an element (appends
     * it elsewhere, a framework reordering) disconnects and connects it again at once, and what it
     * was doing goes on.
     */
    whenRemoved(leave) {
      queueMicrotask(() => {
        if (this.isConnected === false) {
          leave();
        }
      });
    }
  }

  /**
   * <passbridge-append api token conditional-timeout manual>: after a completed login, asks for the
   * upgrade decision and runs it: a silent create (conditional mediation, aborted after
   * conditional-timeout ms) or the prompt with its own "Add a passkey" / "Not now" buttons.
   * Failures and refusals are reported to the service (POST /api/passkeys/upgrade/outcome).
   */
  class PassbridgeAppend extends PassbridgeElement {
    connectedCallback() {
      this.linkStylesheet();
      if (!this._rendered) {
        this._rendered = true;
        this.append(this.messageLine(), this.promptDialog());
      }
      if (!this.hasAttribute('manual') && !this._started) {
        this._started = true;
        this.run();
      }
    }

    disconnectedCallback() {
      this.whenRemoved(() => {
        this._abort?.abort();
        if (this.dialog?.open) {
          this.dialog.close('later'); // the page moved on: the prompt counts as "Not now"
        }
      });
    }

    get timeoutMs() {
      const value = Number(this.getAttribute('conditional-timeout'));
      return Number.isFinite(value) && value > 0 ? value : DEFAULT_CONDITIONAL_TIMEOUT_MS;
    }

    /** Runs the upgrade once; resolves with {type, detail} of the event it ended with. */
    run() {
      if (!this._running) {
        this._running = this.upgrade().finally(() => {
          this._running = null;
        });
      }
      return this._running;
    }

    end(type, detail, message, kind) {
      this.announce(type, detail, message, kind);
      return { type, detail };
    }

    endWithError(detail) {
      this.fail(detail);
      return { type: EVENTS.ERROR, detail };
    }

    /** Removed from the page before anything was asked: no request, no outcome, no message. */
    removed() {
      return this.end(EVENTS.SKIPPED, { reason: 'REMOVED' });
    }

    async upgrade() {
      const credentials = nav()?.credentials;
      if (!PKC() || !credentials || typeof credentials.create !== 'function') {
        return this.end(EVENTS.SKIPPED, { reason: 'UNSUPPORTED' });
      }
      const controller = new AbortController();
      this._abort = controller;
      const call = this.client();
      let result = await call('GET', '/api/passkeys/upgrade');
      for (let again = 0; again < 2 && result.ok && isPending(result.data) && this.wanted(controller); again++) {
        result = await call('GET', '/api/passkeys/upgrade'); // the service waited ~2 s already
      }
      if (!this.wanted(controller)) {
        return this.removed();
      }
      if (!result.ok) {
        return this.endWithError(apiError(result, 'decision'));
      }
      const decision = result.data ?? {};
      const path = chooseUpgradePath(decision, await collectCapabilities(PKC()));
      if (!this.wanted(controller)) {
        return this.removed(); // nothing was shown or asked: the decision's ceremony expires unused
      }
      if (path === 'none') {
        return this.end(EVENTS.SKIPPED, { reason: decision.reason ?? decision.action ?? 'NONE' });
      }
      const userHandle = decision.publicKey?.user?.id ?? null;
      const publicKey = creationOptionsFromJSON(decision.publicKey, PKC());
      if (path === 'conditional') {
        const attempt = await runConditionalCreate({
          publicKey,
          timeoutMs: this.timeoutMs,
          credentials,
          signal: controller.signal,
          setTimeoutFn: (fn, ms) => win.setTimeout(fn, ms),
          clearTimeoutFn: (id) => win.clearTimeout(id),
        });
        this._abort = null;
        if (attempt.credential) {
          return this.register(call, decision, attempt.credential, userHandle);
        }
        const lost = await this.outcomeLost(call, decision.ceremonyId, attempt.errorName);
        if (lost) {
          return lost;
        }
        // nothing was shown to the user: a skip, not a failure
        return this.end(EVENTS.SKIPPED, {
          reason: attempt.errorName === 'AbortError' ? 'CONDITIONAL_TIMEOUT' : 'CONDITIONAL_FAILED',
          errorName: attempt.errorName,
        });
      }
      return this.prompt(call, decision, publicKey, credentials, userHandle, controller);
    }

    async prompt(call, decision, publicKey, credentials, userHandle, controller) {
      // removed as "Add a passkey" was clicked: nothing is created for a page that is gone
      if ((await this.ask()) !== 'create' || !this.wanted(controller)) {
        return (
          (await this.outcomeLost(call, decision.ceremonyId, DISMISSED)) ??
          this.end(EVENTS.DISMISSED, { errorName: DISMISSED })
        );
      }
      let credential;
      try {
        credential = await credentials.create({ publicKey, signal: controller.signal });
      } catch (error) {
        const name = errorNameOf(error);
        const lost = await this.outcomeLost(call, decision.ceremonyId, name);
        if (lost) {
          return lost;
        }
        if (name === 'NotAllowedError' || name === 'AbortError') {
          return this.end(EVENTS.DISMISSED, { errorName: name });
        }
        if (name === 'InvalidStateError') {
          return this.endWithError({
            name,
            code: 'credential-exists',
            message: 'This device already has a passkey for your account.',
            stage: 'create',
          });
        }
        return this.endWithError({
          name,
          code: 'create-failed',
          message: 'The passkey could not be created on this device.',
          stage: 'create',
        });
      }
      if (!credential) {
        return (
          (await this.outcomeLost(call, decision.ceremonyId, 'NotAllowedError')) ??
          this.end(EVENTS.DISMISSED, { errorName: 'NotAllowedError' })
        );
      }
      return this.register(call, decision, credential, userHandle);
    }

    /**
     * Registers the passkey the authenticator made. A registration the server refused (a 4xx other
     * than `credential-exists`, where the passkey is stored already: an expired ceremony or token, an
     * erased user) stored nothing, so the password manager is told the new passkey is unknown
     * (Signal API) rather than offering one that can never sign in. After a 5xx or a lost answer the
     * server may have stored it: nothing is signalled then.
     */
    async register(call, decision, credential, userHandle) {
      const json = credentialToJSON(credential);
      const result = await call('POST', '/api/passkeys/registrations', {
        ceremonyId: decision.ceremonyId,
        credential: json,
      });
      if (!result.ok) {
        if (result.status >= 400 && result.status < 500 && result.problem?.code !== 'credential-exists') {
          await signalUnknownCredential(this.rpId(decision.publicKey?.rp?.id), json.id ?? credential.id, PKC());
        }
        return this.endWithError(apiError(result, 'registration'));
      }
      const credentialId = result.data?.credentialId ?? result.data?.id ?? json.id ?? credential.id;
      return this.end(
        EVENTS.APPENDED,
        { credentialId, userHandle },
        'Your passkey is ready. Next time, sign in with it.',
        'ok',
      );
    }

    /**
     * Reports a failure or refusal. Best effort: the answer does not change what the person is told,
     * except a 401 (the session ended meanwhile, say a sign-out in another tab; in Connect mode the
     * token expired), which is returned as the error detail (stage `outcome`) for the page to act
     * on; null otherwise.
     */
    async outcome(call, ceremonyId, errorName) {
      const result = await call('POST', '/api/passkeys/upgrade/outcome', { ceremonyId, errorName });
      return result.status === 401 ? apiError(result, 'outcome') : null;
    }

    /** {@link outcome}, ended as an error event when the session is gone; null otherwise. */
    async outcomeLost(call, ceremonyId, errorName) {
      const unreported = await this.outcome(call, ceremonyId, errorName);
      return unreported ? this.endWithError(unreported) : null;
    }

    /** The prompt's dialog (closed until asked; closed, it is not displayed). */
    promptDialog() {
      const p = this.prefix;
      const create = this.h('button', { id: `${p}-create`, type: 'button', value: 'create' }, 'Add a passkey');
      const later = this.h(
        'button',
        { id: `${p}-later`, type: 'button', value: 'later', className: 'secondary' },
        'Not now',
      );
      this.dialog = this.h(
        'dialog',
        { id: `${p}-dialog`, className: 'pb-dialog', 'aria-labelledby': `${p}-title`, 'aria-describedby': `${p}-text` },
        this.h(
          'div',
          { className: 'stack' },
          this.h('img', { src: PASSKEY_ICON_URL, alt: '', width: 48, height: 48 }),
          this.h('h2', { id: `${p}-title`, textContent: 'Sign in faster next time' }),
          this.h('p', {
            id: `${p}-text`,
            textContent:
              'Create a passkey for this account. Next time you sign in with your fingerprint, face or ' +
              'screen lock: no password, no code. Your password keeps working.',
          }),
          this.h('div', { className: 'row' }, create, later),
        ),
      );
      this.createButton = create;
      create.addEventListener('click', () => this.dialog.close('create'));
      later.addEventListener('click', () => this.dialog.close('later'));
      return this.dialog;
    }

    /** The prompt: resolves "create" or "later" (Esc and "Not now" are both "later"). */
    ask() {
      const dialog = this.dialog;
      dialog.returnValue = '';
      return new Promise((resolve) => {
        dialog.addEventListener('close', () => resolve(dialog.returnValue === 'create' ? 'create' : 'later'), {
          once: true,
        });
        dialog.showModal();
        this.createButton.focus();
      });
    }
  }

  /**
   * <passbridge-login api client-id for label manual>: passkey login, offered in the autofill of the
   * page's own username input (conditional UI; `for` is its id) and by a "Log in with a passkey"
   * button. Connect mode (client-id): the answer is a signed login result for the platform's
   * backend. Hosted mode: the login id the page turns into a session.
   */
  class PassbridgeLogin extends PassbridgeElement {
    connectedCallback() {
      this.linkStylesheet();
      if (!this._rendered) {
        this._rendered = true;
        this._restartsLeft = LOGIN_RESTARTS;
        this.button = this.h('button', {
          type: 'button',
          className: 'secondary pb-login-button',
          textContent: this.getAttribute('label') || 'Log in with a passkey',
          hidden: true,
        });
        this.button.addEventListener('click', () => this.modal());
        this.append(this.button, this.messageLine());
        this.markInput();
      }
      if (PKC()) {
        this.button.hidden = false;
      }
      if (!this.hasAttribute('manual')) {
        this.start();
      }
    }

    disconnectedCallback() {
      this.whenRemoved(() => this.stop());
    }

    /**
     * The page's username input needs the "webauthn" autocomplete token for conditional UI; looked
     * up in the element's shadow root, if it is in one, then in the document.
     */
    markInput() {
      const id = this.getAttribute('for');
      const input = id ? (this.root().getElementById(id) ?? win.document.getElementById(id)) : null;
      if (!input) {
        return;
      }
      const tokens = (input.getAttribute('autocomplete') || '').split(/\s+/).filter(Boolean);
      if (!tokens.includes('webauthn')) {
        input.setAttribute('autocomplete', [...(tokens.length ? tokens : ['username']), 'webauthn'].join(' '));
      }
    }

    get clientId() {
      return this.getAttribute('client-id') || null;
    }

    async options(call) {
      const result = await call('POST', '/api/passkeys/login/options', this.clientId ? { clientId: this.clientId } : {});
      if (result.ok && result.data?.publicKey && result.data?.ceremonyId) {
        return { options: result.data };
      }
      return { result };
    }

    /** Whether the button is disabled (a page does so while its password form is on its way). */
    get disabled() {
      return Boolean(this.button?.disabled);
    }

    set disabled(value) {
      if (this.button) {
        this.button.disabled = Boolean(value);
      }
    }

    /**
     * Aborts a running passkey request (a password submit does this first), also one still
     * waiting for its options: it will not start.
     */
    stop() {
      if (this._pending) {
        this._pending.abort();
        this._pending = null;
      }
    }

    /** Stops what runs and begins a new request under its own controller. */
    begin() {
      this.stop();
      const controller = new AbortController();
      this._pending = controller;
      return controller;
    }

    release(controller) {
      if (this._pending === controller) {
        this._pending = null;
      }
    }

    /**
     * Starts conditional UI; resolves when it ends (false when it cannot start or was stopped first).
     * From then on the element offers it again after a failed login or an ended button request; with
     * `manual`, not before the page's first start() (a page that never offers the autofill gets none).
     */
    async start() {
      this._autofill = true;
      const controller = this.begin();
      try {
        if (!(await conditionalGetAvailable(PKC())) || !this.wanted(controller)) {
          return false;
        }
        const call = this.client();
        const { options } = await this.options(call);
        if (!options || !this.wanted(controller)) {
          return false;
        }
        // the challenge expires with its ceremony (the options' timeout): a page left open longer
        // would offer a passkey whose login is refused as challenge-expired, so the autofill asks
        // for fresh options a little before (not a restart after a failure: none is used up)
        const refresh = win.setTimeout(() => {
          if (this._pending === controller && !this._verifying) {
            this.start();
          }
        }, refreshAfterMs(options.publicKey?.timeout));
        let credential = null;
        try {
          credential = await nav().credentials.get({
            mediation: 'conditional',
            publicKey: requestOptionsFromJSON(options.publicKey, PKC()),
            signal: controller.signal,
          });
        } catch (error) {
          // NotAllowedError (nothing chosen) and AbortError (stopped): not failures
        } finally {
          win.clearTimeout(refresh);
        }
        this.release(controller);
        if (credential && this.isConnected !== false) {
          await this.finish(call, options, credential);
        }
        return true;
      } finally {
        this.release(controller);
      }
    }

    /** After a failed login: conditional UI again, a bounded number of times (an authenticator that
     * keeps offering a refused credential, as automation does, cannot loop). */
    restart() {
      if (this._autofill && this._restartsLeft > 0) {
        this._restartsLeft--;
        this.start();
      }
    }

    /** The button: a modal passkey request. */
    async modal() {
      if (this._verifying) {
        return; // a passkey chosen a moment ago (in the autofill) is being verified: one login at a time
      }
      const controller = this.begin();
      this.say('');
      const call = this.client();
      const { options, result } = await this.options(call);
      if (!this.wanted(controller)) {
        this.release(controller);
        return; // stopped (a password submit) or removed while the options were on their way
      }
      if (!options) {
        this.release(controller);
        const detail = apiError(result, 'options');
        detail.message = 'Passkey sign-in is not available right now. Use your password.';
        this.fail(detail);
        // the button's request stopped the autofill's: offer it again (it asks for its own options)
        this.resume();
        return;
      }
      let credential = null;
      try {
        credential = await nav().credentials.get({
          publicKey: requestOptionsFromJSON(options.publicKey, PKC()),
          signal: controller.signal,
        });
      } catch (error) {
        const name = errorNameOf(error);
        if (name !== 'AbortError') {
          this.fail({ name, ...getFailure(name), stage: 'get' });
        }
      } finally {
        this.release(controller);
      }
      if (this.isConnected === false) {
        return;
      }
      if (credential) {
        await this.finish(call, options, credential);
      } else if (!controller.signal.aborted) {
        this.resume();
      }
    }

    /** After the button's request: the autofill again, if it had been offered before. */
    resume() {
      if (this._autofill) {
        this.start();
      }
    }

    /**
     * Verifies a chosen passkey and announces the login. One at a time: a passkey from the autofill
     * and one from the button can both be chosen when the autofill's request had already ended as the
     * button aborted it; the later one is dropped (its ceremony expires unused), so the page gets one
     * login, not two results racing to its backend.
     */
    async finish(call, options, credential) {
      if (this._verifying) {
        return;
      }
      this._verifying = true;
      try {
        await this.verify(call, options, credential);
      } finally {
        this._verifying = false;
      }
    }

    async verify(call, options, credential) {
      const json = credentialToJSON(credential);
      this.emit(EVENTS.VERIFYING, { credentialId: json.id });
      const body = { ceremonyId: options.ceremonyId, credential: json };
      if (this.clientId) {
        body.clientId = this.clientId;
      }
      const result = await call('POST', '/api/passkeys/login', body);
      if (!result.ok) {
        if (result.problem?.code === 'unknown-credential') {
          await signalUnknownCredential(
            this.rpId(options.publicKey?.rpId),
            result.problem.credentialId ?? json.id ?? credential.id,
            PKC(),
          );
        }
        this.fail(apiError(result, 'login'));
        this.restart();
        return;
      }
      const detail = this.clientId
        ? { loginResult: result.data?.loginResult, credentialId: json.id }
        : { loginId: result.data?.loginId, credentialId: json.id, userHandle: json.response?.userHandle ?? null };
      this.announce(EVENTS.LOGIN, detail, '');
    }
  }

  /**
   * <passbridge-passkey-list api token rp-id user-handle user-name display-name empty-text manual>:
   * the user's passkeys with rename and delete. After listing and after a delete it tells the
   * password manager which credentials are still valid (signalAllAcceptedCredentials) and, when the
   * name is known, the current user details (signalCurrentUserDetails).
   */
  class PassbridgePasskeyList extends PassbridgeElement {
    connectedCallback() {
      this.linkStylesheet();
      if (!this._rendered) {
        this._rendered = true;
        this.list = this.h('ul', { className: 'passkeys' });
        this.empty = this.h('p', { className: 'pb-empty', hidden: true });
        this.append(this.messageLine(), this.empty, this.list, this.deleteDialog());
      }
      if (!this.hasAttribute('manual') && !this._started) {
        this._started = true;
        this.reload();
      }
    }

    disconnectedCallback() {
      this.whenRemoved(() => {
        if (this.confirmation?.open) {
          this.confirmation.close('cancel'); // the page moved on: nothing is deleted
        }
      });
    }

    /** Loads and renders the list; resolves with the passkeys, or null after an error event. */
    async reload() {
      const result = await this.client()('GET', '/api/passkeys');
      if (!result.ok) {
        this.fail(apiError(result, 'list'));
        return null;
      }
      const passkeys = passkeyList(result.data);
      this.render(passkeys);
      this.emit(EVENTS.LISTED, { count: passkeys.length, passkeys: passkeys.map((p) => describePasskey(p)) });
      await this.signal(result.data, passkeys);
      return passkeys;
    }

    /** rpId and userHandle from the answer (wrapper fields or per passkey), the attributes, or the last listing. */
    async signal(answer, passkeys) {
      const meta = answer && !Array.isArray(answer) && typeof answer === 'object' ? answer : {};
      const first = (field) => passkeys.map((p) => p?.[field]).find((v) => typeof v === 'string' && v);
      const known = this._known ?? {};
      const userHandle = meta.userHandle || first('userHandle') || this.getAttribute('user-handle') || known.userHandle;
      const rpId = this.rpId(meta.rpId || first('rpId') || known.rpId);
      if (!userHandle) {
        return;
      }
      this._known = { userHandle, rpId };
      await signalAcceptedCredentials(rpId, userHandle, acceptedCredentialIds(passkeys), PKC());
      const name = meta.userName || meta.username || this.getAttribute('user-name');
      if (name) {
        await signalUserDetails(rpId, userHandle, name, meta.displayName || this.getAttribute('display-name'), PKC());
      }
    }

    render(passkeys) {
      this.renameButtons = new Map();
      this._closeRename = null;
      const emptyText = this.hasAttribute('empty-text') ? this.getAttribute('empty-text') : 'You have no passkeys yet.';
      this.empty.textContent = emptyText;
      this.empty.hidden = passkeys.length > 0 || !emptyText;
      this.list.replaceChildren(...passkeys.map((p) => this.item(describePasskey(p))));
    }

    item(view) {
      const nameId = `${this.prefix}-name-${view.id}`;
      const input = this.h('input', {
        id: `${this.prefix}-rename-${view.id}`,
        className: 'rename-input',
        name: 'name',
        type: 'text',
        maxlength: 64,
        required: true,
        autocomplete: 'off',
        // which passkey the field renames, and why a name was refused (when the element says it)
        'aria-describedby': `${nameId} ${this.prefix}-message`,
      });
      const cancel = this.h('button', { type: 'button', className: 'secondary rename-cancel', textContent: 'Cancel' });
      const renameForm = this.h(
        'form',
        { className: 'rename-form stack', hidden: true },
        this.h('label', { className: 'rename-label', htmlFor: input.id, textContent: 'New name' }),
        input,
        this.h(
          'div',
          { className: 'row' },
          this.h('button', { type: 'submit', textContent: 'Save' }),
          cancel,
        ),
      );
      const meta = this.h('p', { className: 'passkey-meta small', textContent: view.meta, hidden: !view.meta });
      const rename = this.h('button', {
        type: 'button',
        className: 'secondary rename',
        'aria-label': `Rename ${view.name}`,
        textContent: 'Rename',
      });
      this.renameButtons?.set(view.id, rename);
      const remove = this.h('button', {
        type: 'button',
        className: 'danger delete',
        'aria-label': `Delete ${view.name}`,
        textContent: 'Delete',
      });
      const item = this.h(
        'li',
        { className: 'passkey', 'data-id': view.id },
        this.h('img', { className: 'passkey-icon', src: PASSKEY_ICON_URL, alt: '', width: 40, height: 40 }),
        this.h(
          'div',
          { className: 'passkey-body' },
          this.h('p', { id: nameId, className: 'passkey-name', textContent: view.name }),
          meta,
          this.h(
            'p',
            { className: 'passkey-dates small' },
            'Created ',
            this.h('span', { className: 'passkey-created', textContent: view.created }),
            ' · Last used ',
            this.h('span', { className: 'passkey-used', textContent: view.lastUsed }),
          ),
          renameForm,
        ),
        this.h('div', { className: 'passkey-actions row' }, rename, remove),
      );
      const close = () => {
        renameForm.hidden = true;
        rename.hidden = false;
        if (this._closeRename === close) {
          this._closeRename = null;
        }
      };
      rename.addEventListener('click', () => {
        this._closeRename?.(); // one rename form open at a time: the fields would all be "New name"
        this._closeRename = close;
        this.say(''); // the field is described by the message line: no earlier outcome in it
        renameForm.hidden = false;
        rename.hidden = true;
        input.value = view.name;
        input.focus();
        input.select?.();
      });
      cancel.addEventListener('click', () => {
        close();
        rename.focus();
      });
      renameForm.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && !event.isComposing) {
          event.preventDefault();
          close();
          rename.focus();
        }
      });
      renameForm.addEventListener('submit', (event) => {
        event.preventDefault();
        this.rename(view, input.value, input);
      });
      remove.addEventListener('click', () => this.confirmDelete(view));
      return item;
    }

    /**
     * PATCH /api/passkeys/{id} {name}; resolves true when renamed. One rename at a time. A refused
     * name marks the field (aria-invalid) and keeps the focus there; the error event's message
     * says the service's reason. After the list is drawn again the focus goes to the renamed
     * passkey's Rename button (the one pressed went with the redraw).
     */
    async rename(view, value, input) {
      if (this.renaming) {
        return false;
      }
      input?.removeAttribute('aria-invalid');
      const name = cleanName(value);
      if (!name) {
        input?.setAttribute('aria-invalid', 'true');
        this.fail({ name: 'InvalidName', code: 'invalid-name', message: 'A name needs 1 to 64 characters.', stage: 'rename' });
        input?.focus();
        return false;
      }
      this.renaming = true;
      let result;
      try {
        result = await this.client()('PATCH', `/api/passkeys/${encodeURIComponent(view.id)}`, { name });
      } finally {
        this.renaming = false;
      }
      if (!result.ok) {
        if (await this.reloadIfStale(result, apiError(result, 'rename'))) {
          return false;
        }
        input?.setAttribute('aria-invalid', 'true');
        this.fail(apiError(result, 'rename'));
        input?.focus();
        return false;
      }
      await this.reload();
      this.renameButtons?.get(view.id)?.focus();
      this.announce(EVENTS.RENAMED, { id: view.id, name }, `Renamed to “${name}”.`, 'ok');
      return true;
    }

    /** The delete confirmation (one per list, closed until asked). */
    deleteDialog() {
      const p = this.prefix;
      const yes = this.h('button', { type: 'button', value: 'delete', className: 'danger', textContent: 'Delete' });
      this.keepButton = this.h('button', { type: 'button', value: 'cancel', className: 'secondary', textContent: 'Cancel' });
      this.deleteTitle = this.h('h2', { id: `${p}-delete-title`, textContent: 'Delete this passkey?' });
      this.confirmation = this.h(
        'dialog',
        { id: `${p}-delete-dialog`, className: 'pb-dialog', 'aria-labelledby': `${p}-delete-title`, 'aria-describedby': `${p}-delete-text` },
        this.h(
          'div',
          { className: 'stack' },
          this.deleteTitle,
          this.h('p', {
            id: `${p}-delete-text`,
            textContent: 'You will no longer be able to sign in with it. Your password keeps working.',
          }),
          this.h('div', { className: 'row' }, yes, this.keepButton),
        ),
      );
      yes.addEventListener('click', () => this.confirmation.close('delete'));
      this.keepButton.addEventListener('click', () => this.confirmation.close('cancel'));
      return this.confirmation;
    }

    /** Asks, then deletes; resolves true when deleted. */
    confirmDelete(view) {
      const dialog = this.confirmation;
      this.deleteTitle.textContent = `Delete “${view.name}”?`;
      dialog.returnValue = '';
      return new Promise((resolve) => {
        dialog.addEventListener(
          'close',
          async () => resolve(dialog.returnValue === 'delete' ? await this.delete(view) : false),
          { once: true },
        );
        dialog.showModal();
        this.keepButton.focus();
      });
    }

    /**
     * After a refused or unanswered rename or delete, the list may no longer be true: the passkey
     * was deleted elsewhere (another tab, the platform's support desk: passkey-not-found), or the
     * service may have done it without its answer arriving (the gateway's 502/504, a timeout). The
     * list is read again first, then the failure is announced, so a page that shows it itself can
     * put the focus on its message (the control that had the focus may be gone with the redraw);
     * shown by the element, its message line gets the focus. Not when nothing answered at all
     * (offline): the reading would fail too. Resolves true when it handled the failure.
     */
    async reloadIfStale(result, detail) {
      const stale =
        result.problem?.code === 'passkey-not-found' ||
        result.problem?.code === 'request-timeout' ||
        result.status === 502 ||
        result.status === 504;
      if (!stale) {
        return false;
      }
      if (!(await this.reload())) {
        return true; // the reading failed too, and its error event said so
      }
      if (this.emit(EVENTS.ERROR, detail)) {
        this.say(detail.message, 'error');
        this._message?.focus?.();
      }
      return true;
    }

    /** DELETE /api/passkeys/{id}, then the list again (which signals the accepted credentials). */
    async delete(view) {
      const result = await this.client()('DELETE', `/api/passkeys/${encodeURIComponent(view.id)}`);
      if (!result.ok) {
        if (!(await this.reloadIfStale(result, apiError(result, 'delete')))) {
          this.fail(apiError(result, 'delete'));
        }
        return false;
      }
      await this.reload();
      this.announce(EVENTS.DELETED, { id: view.id, name: view.name }, `Deleted “${view.name}”.`, 'ok');
      return true;
    }
  }

  return { PassbridgeAppend, PassbridgeLogin, PassbridgePasskeyList };
}

export const ELEMENT_NAMES = Object.freeze({
  'passbridge-append': 'PassbridgeAppend',
  'passbridge-login': 'PassbridgeLogin',
  'passbridge-passkey-list': 'PassbridgePasskeyList',
});

/** Defines the three elements on a window (once); returns the classes. */
export function defineElements(win = globalThis) {
  if (!win.customElements || !win.HTMLElement) {
    return null;
  }
  const classes = elementClasses(win);
  for (const [name, className] of Object.entries(ELEMENT_NAMES)) {
    if (!win.customElements.get(name)) {
      win.customElements.define(name, classes[className]);
    }
  }
  return classes;
}
