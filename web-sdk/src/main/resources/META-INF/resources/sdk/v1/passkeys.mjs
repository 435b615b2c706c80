// The dashboard's view of GET /api/passkeys.

/** The list, whether the service answers with an array or wraps it. */
export function passkeyList(json) {
  if (Array.isArray(json)) {
    return json;
  }
  for (const key of ['passkeys', 'credentials', 'items']) {
    if (json && Array.isArray(json[key])) {
      return json[key];
    }
  }
  return [];
}

/** "Synced" (backed up to a provider), "This device only", or null when the service does not say. */
export function storageKind(passkey) {
  const synced = passkey.synced ?? passkey.backupState ?? passkey.backedUp;
  if (synced === true) {
    return 'Synced';
  }
  if (synced === false) {
    return 'This device only';
  }
  return null;
}

export function formatDate(iso, locale = undefined) {
  if (!iso) {
    return 'Never';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return 'Unknown';
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * One row of the list, ready to render. The name falls back to the provider, then "Passkey"; the
 * line under it says only what is known ("Google Password Manager · Synced", "This device only"),
 * and never repeats the name ("Passkey / Passkey" when nothing is known).
 */
export function describePasskey(passkey, locale = undefined) {
  const id = passkey.id ?? passkey.credentialId;
  const provider = typeof passkey.providerName === 'string' && passkey.providerName.trim() ? passkey.providerName.trim() : null;
  const name = (typeof passkey.name === 'string' && passkey.name.trim()) || provider || 'Passkey';
  const kind = storageKind(passkey);
  const details = [provider === name ? null : provider, kind].filter(Boolean);
  return {
    id,
    name,
    provider,
    kind,
    meta: details.join(' · '),
    created: formatDate(passkey.createdAt, locale),
    lastUsed: formatDate(passkey.lastUsedAt, locale),
  };
}

/**
 * The sentence under "Your passkeys" when the list is empty, for the state of the upgrade on this
 * page: 'offering' (the explainer or a silent create is running: it speaks for itself), 'declined'
 * ("Not now" or a cancelled create), 'failed', or 'idle' (no offer on this visit).
 */
export function emptyListText(upgrade) {
  switch (upgrade) {
    case 'offering':
    case 'failed': // the error above says why
      return 'You have no passkeys yet.';
    case 'declined':
      return 'You have no passkeys yet. Your password keeps working.';
    default:
      return 'You have no passkeys yet. After a password sign-in we may offer to create one.';
  }
}

/** Credential ids for signalAllAcceptedCredentials (base64url, as the service stores them). */
export function acceptedCredentialIds(list) {
  return list.map((p) => p.id ?? p.credentialId).filter((id) => typeof id === 'string' && id.length > 0);
}

/**
 * The WebAuthn user handle (base64url) the Signal API needs: from /api/me or the passkey list when
 * the services provide it, else from the creation options seen during this session's upgrade.
 */
export function userHandleOf(me, list, remembered) {
  const candidates = [
    me?.userHandle,
    me?.webAuthnUserId,
    ...list.map((p) => p.userHandle),
    remembered,
  ];
  return candidates.find((value) => typeof value === 'string' && value.length > 0) ?? null;
}

/** A passkey name as the rename form accepts it: trimmed, 1..64 characters. */
export function cleanName(name) {
  const trimmed = String(name ?? '').trim().replace(/\s+/g, ' ');
  // characters as the service counts them (code points): an emoji is one, not two
  if (trimmed.length === 0 || [...trimmed].length > 64) {
    return null;
  }
  return trimmed;
}
