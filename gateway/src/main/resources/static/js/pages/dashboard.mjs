// Dashboard: welcome, passkeys (rename, delete, Signal API), the upgrade right after a password
// login (silent conditional create, or an explainer with "Create a passkey" / "Not now"), logout.

import { api } from '../lib/api.mjs';
import { $, go, loadConfig, rpId, say, store } from '../lib/dom.mjs';
import {
  acceptedCredentialIds,
  cleanName,
  describePasskey,
  emptyListText,
  passkeyList,
  userHandleOf,
} from '../lib/passkeys.mjs';
import { messageFor } from '../lib/problems.mjs';
import { chooseUpgradePath, DISMISSED, errorNameOf, isPending, runConditionalCreate } from '../lib/upgrade.mjs';
import {
  collectCapabilities,
  creationOptionsFromJSON,
  credentialToJSON,
  signalAcceptedCredentials,
  signalUserDetails,
} from '../lib/webauthn.mjs';

const error = $('#error');
const notice = $('#notice');
const list = $('#passkeys');
const template = $('#passkey-item');
let me = null;
let passkeyCount = null; // null until the list is loaded
let upgradeState = 'idle'; // 'idle' | 'offering' | 'declined' | 'failed'

/** The empty-list sentence follows the upgrade state: one place for it. */
function renderEmptyList() {
  const empty = $('#no-passkeys');
  empty.textContent = emptyListText(upgradeState);
  empty.hidden = passkeyCount !== 0;
}

function setUpgradeState(next) {
  upgradeState = next;
  renderEmptyList();
}

/** One message at a time: a new error replaces a notice and the other way round. */
function showError(message) {
  say(notice, '');
  say(error, message, 'error');
}

function showNotice(message, kind) {
  say(error, '');
  say(notice, message, kind);
}

function signedOut() {
  go('/?signedOut=1');
}

async function loadMe() {
  const result = await api('GET', '/api/me');
  if (result.status === 401) {
    signedOut();
    return null;
  }
  if (!result.ok) {
    $('#loading').hidden = true; // nothing more is coming
    showError(messageFor(result.problem));
    return null;
  }
  me = result.data;
  $('#welcome').textContent = `Welcome, ${me.displayName || me.username}`;
  return me;
}

function renderPasskeys(passkeys) {
  list.replaceChildren();
  $('#loading').hidden = true;
  passkeyCount = passkeys.length;
  renderEmptyList();
  for (const passkey of passkeys) {
    const view = describePasskey(passkey);
    const item = template.content.firstElementChild.cloneNode(true);
    item.dataset.id = view.id;
    item.querySelector('.passkey-name').textContent = view.name;
    const meta = item.querySelector('.passkey-meta');
    meta.textContent = view.meta;
    meta.hidden = !view.meta;
    item.querySelector('.passkey-created').textContent = view.created;
    item.querySelector('.passkey-used').textContent = view.lastUsed;
    const renameButton = item.querySelector('.rename');
    const deleteButton = item.querySelector('.delete');
    renameButton.setAttribute('aria-label', `Rename ${view.name}`);
    deleteButton.setAttribute('aria-label', `Delete ${view.name}`);
    const renameForm = item.querySelector('.rename-form');
    const input = item.querySelector('.rename-input');
    const label = item.querySelector('.rename-label');
    input.id = `rename-${view.id}`;
    label.htmlFor = input.id;
    renameButton.addEventListener('click', () => {
      renameForm.hidden = false;
      renameButton.hidden = true;
      input.value = view.name;
      input.focus();
      input.select();
    });
    item.querySelector('.rename-cancel').addEventListener('click', () => {
      renameForm.hidden = true;
      renameButton.hidden = false;
      renameButton.focus();
    });
    renameForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const name = cleanName(input.value);
      if (!name) {
        showError('A name needs 1 to 64 characters.');
        input.focus();
        return;
      }
      const result = await api('PATCH', `/api/passkeys/${encodeURIComponent(view.id)}`, { name });
      if (!result.ok) {
        showError(messageFor(result.problem));
        return;
      }
      showNotice(`Renamed to “${name}”.`, 'ok');
      await loadPasskeys();
    });
    deleteButton.addEventListener('click', () => confirmDelete(view));
    list.append(item);
  }
}

function confirmDelete(view) {
  const dialog = $('#delete-dialog');
  $('#delete-title').textContent = `Delete “${view.name}”?`;
  dialog.returnValue = '';
  dialog.addEventListener(
    'close',
    async () => {
      if (dialog.returnValue !== 'delete') {
        return;
      }
      const result = await api('DELETE', `/api/passkeys/${encodeURIComponent(view.id)}`);
      if (!result.ok) {
        showError(messageFor(result.problem));
        return;
      }
      showNotice(`Deleted “${view.name}”.`, 'ok');
      await loadPasskeys();
      $('#passkeys-heading').focus();
    },
    { once: true },
  );
  dialog.showModal();
}

async function loadPasskeys() {
  const result = await api('GET', '/api/passkeys');
  if (result.status === 401) {
    signedOut();
    return [];
  }
  if (!result.ok) {
    $('#loading').hidden = true;
    showError(messageFor(result.problem));
    return [];
  }
  const passkeys = passkeyList(result.data);
  renderPasskeys(passkeys);
  await signalCredentials(passkeys);
  return passkeys;
}

/**
 * The WebAuthn user handle of the signed-in user, for the Signal API. Neither /api/me nor the
 * passkey list carries it today, so it is taken from the last ceremony in this tab (the creation
 * options of the upgrade, or the assertion of a passkey login) and remembered per user id.
 */
function currentUserHandle(passkeys) {
  const key = me?.userId ? `pb.userHandle.${me.userId}` : null;
  const known = userHandleOf(me, passkeys, store.get('userHandle'));
  if (known && key) {
    localStorage.setItem(key, known);
    return known;
  }
  return known ?? (key ? localStorage.getItem(key) : null);
}

/** Keeps the password manager in step with the server's list (WebAuthn Signal API). */
async function signalCredentials(passkeys) {
  const userHandle = currentUserHandle(passkeys);
  if (!userHandle) {
    return;
  }
  const rp = await rpId();
  await signalAcceptedCredentials(rp, userHandle, acceptedCredentialIds(passkeys));
  if (me) {
    await signalUserDetails(rp, userHandle, me.username, me.displayName);
  }
}

async function register(ceremonyId, credential) {
  const result = await api('POST', '/api/passkeys/registrations', {
    ceremonyId,
    credential: credentialToJSON(credential),
  });
  if (!result.ok) {
    setUpgradeState('failed');
    showError(messageFor(result.problem));
    return false;
  }
  setUpgradeState('idle');
  showNotice('Your passkey is ready. Next time, sign in with it.', 'ok');
  await loadPasskeys();
  return true;
}

async function reportOutcome(ceremonyId, errorName) {
  await api('POST', '/api/passkeys/upgrade/outcome', { ceremonyId, errorName });
}

/** The explainer dialog; resolves "create" or "later" (Esc and "Not now" are both "later"). */
function askToCreate() {
  const dialog = $('#upgrade-dialog');
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'create' ? 'create' : 'later'), {
      once: true,
    });
    dialog.showModal();
    $('#upgrade-create').focus();
  });
}

async function promptUpgrade(decision) {
  setUpgradeState('offering');
  const answer = await askToCreate();
  if (answer !== 'create') {
    setUpgradeState('declined');
    await reportOutcome(decision.ceremonyId, DISMISSED);
    return;
  }
  try {
    const credential = await navigator.credentials.create({
      publicKey: creationOptionsFromJSON(decision.publicKey),
    });
    if (!credential) {
      setUpgradeState('declined');
      await reportOutcome(decision.ceremonyId, 'NotAllowedError');
      return;
    }
    await register(decision.ceremonyId, credential);
  } catch (e) {
    const name = errorNameOf(e);
    if (name === 'InvalidStateError') {
      setUpgradeState('idle');
      showNotice('This device already has a passkey for your account.', 'info');
    } else if (name === 'NotAllowedError' || name === 'AbortError') {
      setUpgradeState('declined');
    } else {
      setUpgradeState('failed');
      showError('The passkey could not be created on this device.');
    }
    await reportOutcome(decision.ceremonyId, name);
  }
}

async function conditionalUpgrade(decision, timeoutMs) {
  setUpgradeState('offering');
  const result = await runConditionalCreate({
    publicKey: creationOptionsFromJSON(decision.publicKey),
    timeoutMs,
  });
  if (result.credential) {
    await register(decision.ceremonyId, result.credential);
  } else {
    setUpgradeState('idle'); // nothing was shown to the user
    await reportOutcome(decision.ceremonyId, result.errorName);
  }
}

/** Right after a password + OTP login: GET /api/passkeys/upgrade and act on the decision. */
async function upgrade() {
  if (!window.PublicKeyCredential) {
    return;
  }
  let result = await api('GET', '/api/passkeys/upgrade');
  for (let again = 0; again < 2 && result.ok && isPending(result.data); again++) {
    result = await api('GET', '/api/passkeys/upgrade'); // the service waited ~2 s already
  }
  if (!result.ok || !result.data) {
    return;
  }
  const decision = result.data;
  if (decision.publicKey?.user?.id) {
    store.set('userHandle', decision.publicKey.user.id);
  }
  const [config, capabilities] = await Promise.all([loadConfig(), collectCapabilities()]);
  const path = chooseUpgradePath(decision, capabilities);
  if (path === 'conditional') {
    await conditionalUpgrade(decision, config.conditionalCreateTimeoutMs ?? 10000);
  } else if (path === 'prompt') {
    await promptUpgrade(decision);
  }
}

$('#logout').addEventListener('click', async () => {
  await api('POST', '/api/auth/logout');
  store.remove('userHandle');
  signedOut();
});

async function init() {
  const user = await loadMe();
  if (!user) {
    return;
  }
  const offer = store.get('upgrade');
  store.remove('upgrade');
  if (offer) {
    upgradeState = 'offering'; // until the decision says otherwise
  }
  await loadPasskeys();
  if (offer) {
    await upgrade();
    if (upgradeState === 'offering') {
      setUpgradeState('idle'); // no offer after all
    }
  }
}

init();
