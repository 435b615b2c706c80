// A small fake window for the elements' tests: just the DOM the elements use (createElement, append,
// attributes, events, <dialog>), a fetch answering by "METHOD /path", navigator.credentials and
// PublicKeyCredential recording their calls, and timers the test fires by hand.

export class FakeNode extends EventTarget {
  constructor(tagName = 'div', ownerDocument = null) {
    super();
    this.tagName = tagName.toUpperCase();
    this.ownerDocument = ownerDocument;
    this.attributes = new Map();
    this.childNodes = [];
    this.parentNode = null;
    this.dataset = {};
    this.hidden = false;
    this.disabled = false;
    this.value = '';
    this.open = false;
    this.returnValue = '';
    this.focused = false;
  }

  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }
  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }
  hasAttribute(name) {
    return this.attributes.has(name);
  }
  removeAttribute(name) {
    this.attributes.delete(name);
  }
  get id() {
    return this.getAttribute('id') ?? '';
  }
  set id(value) {
    this.setAttribute('id', value);
  }
  get className() {
    return this.getAttribute('class') ?? '';
  }
  set className(value) {
    this.setAttribute('class', value);
  }
  get children() {
    return this.childNodes.filter((n) => n instanceof FakeNode);
  }
  append(...nodes) {
    for (const node of nodes) {
      if (node instanceof FakeNode) {
        node.remove();
        node.parentNode = this;
      }
      this.childNodes.push(node);
    }
  }
  replaceChildren(...nodes) {
    for (const child of this.children) {
      child.parentNode = null;
    }
    this.childNodes = [];
    this.append(...nodes);
  }
  remove() {
    if (this.parentNode) {
      const siblings = this.parentNode.childNodes;
      siblings.splice(siblings.indexOf(this), 1);
      this.parentNode = null;
    }
  }
  get textContent() {
    return this.childNodes.map((n) => (n instanceof FakeNode ? n.textContent : String(n))).join('');
  }
  set textContent(value) {
    this.replaceChildren(String(value ?? ''));
  }
  focus() {
    this.focused = true;
  }
  /** In the document: under its body or head (through a shadow root's `host` too). */
  get isConnected() {
    const document = this.ownerDocument;
    for (let node = this; node; node = node.parentNode ?? node.host) {
      if (document && (node === document.body || node === document.head)) {
        return true;
      }
    }
    return false;
  }
  select() {}
  click() {
    this.dispatchEvent(new Event('click'));
  }
  submit() {
    this.dispatchEvent(new Event('submit', { cancelable: true }));
  }
  showModal() {
    this.open = true;
  }
  close(returnValue = '') {
    this.open = false;
    this.returnValue = returnValue;
    this.dispatchEvent(new Event('close'));
  }
  /** Every node under this one (depth first) matching a predicate. */
  findAll(predicate) {
    const found = [];
    for (const child of this.children) {
      if (predicate(child)) {
        found.push(child);
      }
      found.push(...child.findAll(predicate));
    }
    return found;
  }
  /** By class name (one class), tag name or id ("#x"). */
  find(selector) {
    return this.findAll(matcher(selector))[0] ?? null;
  }
  findEvery(selector) {
    return this.findAll(matcher(selector));
  }
}

function matcher(selector) {
  if (selector.startsWith('#')) {
    return (n) => n.id === selector.slice(1);
  }
  if (selector.startsWith('.')) {
    return (n) => n.className.split(/\s+/).includes(selector.slice(1));
  }
  return (n) => n.tagName === selector.toUpperCase();
}

export class FakeDocument {
  constructor() {
    this.head = new FakeNode('head', this);
    this.body = new FakeNode('body', this);
  }
  createElement(tag) {
    return new FakeNode(tag, this);
  }
  /** Only what the elements ask: a stylesheet link by the end of its href. */
  querySelector(selector) {
    const match = /^link\[rel="stylesheet"\]\[href\$="([^"]+)"\]$/.exec(selector);
    if (!match) {
      throw new Error(`fake document: unsupported selector ${selector}`);
    }
    return this.head.findAll((n) => n.tagName === 'LINK' && (n.getAttribute('href') ?? '').endsWith(match[1]))[0] ?? null;
  }
  getElementById(id) {
    return this.body.find(`#${id}`) ?? this.head.find(`#${id}`);
  }
}

const json = (status, body, headers = {}) => ({
  ok: status >= 200 && status < 300,
  status,
  headers: {
    get: (name) =>
      ({ 'Content-Type': body === undefined ? '' : status >= 400 ? 'application/problem+json' : 'application/json', ...headers })[
        name
      ] ?? null,
  },
  json: async () => body,
});

export const answer = (status, body, headers) => json(status, body, headers);
export const problem = (status, code, extra = {}) =>
  json(status, { type: `https://passbridge.dev/problems/${code}`, code, status, ...extra });

/**
 * A window: routes is {"GET /api/passkeys": answer | (request) => answer | [answer, ...] (one per call,
 * the last repeats)}; every request is recorded in win.requests as {method, url, path, headers, credentials, body}.
 */
export function fakeWindow({ routes = {}, capabilities = {}, conditionalGet = true, pkc = true, origin = 'http://localhost:8080' } = {}) {
  const document = new FakeDocument();
  const requests = [];
  const signals = [];
  const timers = [];
  const credentialCalls = { create: [], get: [] };
  const win = {
    document,
    requests,
    signals,
    timers,
    credentialCalls,
    location: new URL(origin),
    CustomEvent: globalThis.CustomEvent,
    HTMLElement: class extends FakeNode {
      constructor() {
        super('passbridge-element', document);
      }
    },
    setTimeout(fn, ms) {
      timers.push({ fn, ms, cleared: false });
      return timers.length - 1;
    },
    clearTimeout(id) {
      if (timers[id]) {
        timers[id].cleared = true;
      }
    },
    /** Fires the pending (not cleared) timers. */
    fireTimers() {
      for (const timer of timers.splice(0)) {
        if (!timer.cleared) {
          timer.fn();
        }
      }
    },
    async fetch(url, init) {
      const parsed = new URL(url, origin);
      const request = {
        method: init.method,
        url: parsed.href,
        path: parsed.pathname,
        headers: init.headers,
        credentials: init.credentials,
        body: init.body === undefined ? undefined : JSON.parse(init.body),
      };
      requests.push(request);
      let route = routes[`${init.method} ${parsed.pathname}`];
      if (Array.isArray(route)) {
        route = route.length > 1 ? route.shift() : route[0];
      }
      if (typeof route === 'function') {
        route = route(request);
      }
      return route ?? json(404, { code: 'not-found' });
    },
    navigator: {
      credentials: {
        /** Tests set these to what the authenticator does. */
        onCreate: async () => null,
        onGet: async () => null,
        create(options) {
          credentialCalls.create.push(options);
          return this.onCreate(options);
        },
        get(options) {
          credentialCalls.get.push(options);
          return this.onGet(options);
        },
      },
    },
  };
  if (pkc) {
    win.PublicKeyCredential = {
      parseCreationOptionsFromJSON: (options) => ({ parsedCreation: options }),
      parseRequestOptionsFromJSON: (options) => ({ parsedRequest: options }),
      getClientCapabilities: async () => ({ ...capabilities }),
      isConditionalMediationAvailable: async () => conditionalGet,
      signalUnknownCredential: async (options) => signals.push(['signalUnknownCredential', options]),
      signalAllAcceptedCredentials: async (options) => signals.push(['signalAllAcceptedCredentials', options]),
      signalCurrentUserDetails: async (options) => signals.push(['signalCurrentUserDetails', options]),
    };
  }
  return win;
}

/** A credential whose toJSON() gives a registration or an authentication response. */
export function fakeCredential(id, { userHandle = null, registration = true } = {}) {
  const response = registration
    ? { clientDataJSON: 'Y2Q', attestationObject: 'YW8', transports: ['internal'] }
    : { clientDataJSON: 'Y2Q', authenticatorData: 'YWQ', signature: 'c2ln', userHandle };
  return {
    id,
    type: 'public-key',
    toJSON: () => ({ id, rawId: id, type: 'public-key', response, clientExtensionResults: {} }),
  };
}

/** A DOMException-like error with a name. */
export function domError(name) {
  const error = new Error(name);
  error.name = name;
  return error;
}

/** Lets pending promise callbacks run (the elements' awaits on fake fetch and credentials). */
export async function settle(rounds = 20) {
  for (let i = 0; i < rounds; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Records the events an element dispatches: [{type, detail, bubbles, composed}]. */
export function recordEvents(element, types) {
  const seen = [];
  for (const type of types) {
    element.addEventListener(type, (event) =>
      seen.push({ type, detail: event.detail, bubbles: event.bubbles, composed: event.composed }),
    );
  }
  return seen;
}
