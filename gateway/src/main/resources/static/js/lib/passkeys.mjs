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

/** "Synced" (backed up to a provider), "This device only", or "Unknown". */
export function storageKind(passkey) {
  const synced = passkey.synced ?? passkey.backupState ?? passkey.backedUp;
  if (synced === true) {
    return 'Synced';
  }
  if (synced === false) {
    return 'This device only';
  }
  return 'Unknown';
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

/** One row of the list, ready to render. */
export function describePasskey(passkey, locale = undefined) {
  const id = passkey.id ?? passkey.credentialId;
  const provider = passkey.providerName || 'Passkey';
  return {
    id,
    name: passkey.name || provider,
    provider,
    kind: storageKind(passkey),
    created: formatDate(passkey.createdAt, locale),
    lastUsed: formatDate(passkey.lastUsedAt, locale),
  };
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
  if (trimmed.length === 0 || trimmed.length > 64) {
    return null;
  }
  return trimmed;
}
