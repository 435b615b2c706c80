// WebAuthn JSON <-> browser objects. Uses the browser's own
// PublicKeyCredential.parseCreationOptionsFromJSON / parseRequestOptionsFromJSON / credential.toJSON()
// where they exist, and a small fallback (base64url fields converted by hand) where they do not.
// The PublicKeyCredential class is a parameter so these functions run (and are tested) in node.

import { bufferFromBase64url, toBase64url } from './base64url.mjs';

function credentialDescriptors(list) {
  return Array.isArray(list) ? list.map((c) => ({ ...c, id: bufferFromBase64url(c.id) })) : list;
}

/** PublicKeyCredentialCreationOptionsJSON -> PublicKeyCredentialCreationOptions. */
export function creationOptionsFromJSON(json, PKC = globalThis.PublicKeyCredential) {
  if (PKC && typeof PKC.parseCreationOptionsFromJSON === 'function') {
    try {
      return PKC.parseCreationOptionsFromJSON(json);
    } catch (error) {
      // some embedded browsers ship a broken parser: fall back to the manual conversion
    }
  }
  const options = {
    ...json,
    challenge: bufferFromBase64url(json.challenge),
    user: { ...json.user, id: bufferFromBase64url(json.user.id) },
  };
  if (json.excludeCredentials) {
    options.excludeCredentials = credentialDescriptors(json.excludeCredentials);
  }
  return options;
}

/** PublicKeyCredentialRequestOptionsJSON -> PublicKeyCredentialRequestOptions. */
export function requestOptionsFromJSON(json, PKC = globalThis.PublicKeyCredential) {
  if (PKC && typeof PKC.parseRequestOptionsFromJSON === 'function') {
    try {
      return PKC.parseRequestOptionsFromJSON(json);
    } catch (error) {
      // fall back below
    }
  }
  const options = { ...json, challenge: bufferFromBase64url(json.challenge) };
  if (json.allowCredentials) {
    options.allowCredentials = credentialDescriptors(json.allowCredentials);
  }
  return options;
}

function optional(fn) {
  try {
    return fn();
  } catch (error) {
    return undefined;
  }
}

/**
 * A PublicKeyCredential as RegistrationResponseJSON or AuthenticationResponseJSON (the shape of
 * credential.toJSON()).
 */
export function credentialToJSON(credential) {
  if (typeof credential.toJSON === 'function') {
    try {
      return credential.toJSON();
    } catch (error) {
      // some password-manager extensions return objects whose toJSON throws
    }
  }
  const response = credential.response;
  const json = {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? null,
    clientExtensionResults:
      typeof credential.getClientExtensionResults === 'function'
        ? credential.getClientExtensionResults()
        : {},
    response: { clientDataJSON: toBase64url(response.clientDataJSON) },
  };
  if (response.attestationObject) {
    json.response.attestationObject = toBase64url(response.attestationObject);
    json.response.transports =
      typeof response.getTransports === 'function' ? optional(() => response.getTransports()) ?? [] : [];
    const authenticatorData =
      typeof response.getAuthenticatorData === 'function'
        ? optional(() => response.getAuthenticatorData())
        : undefined;
    if (authenticatorData) {
      json.response.authenticatorData = toBase64url(authenticatorData);
    }
    const publicKey =
      typeof response.getPublicKey === 'function' ? optional(() => response.getPublicKey()) : undefined;
    if (publicKey) {
      json.response.publicKey = toBase64url(publicKey);
    }
    const algorithm =
      typeof response.getPublicKeyAlgorithm === 'function'
        ? optional(() => response.getPublicKeyAlgorithm())
        : undefined;
    if (algorithm !== undefined) {
      json.response.publicKeyAlgorithm = algorithm;
    }
  } else {
    json.response.authenticatorData = toBase64url(response.authenticatorData);
    json.response.signature = toBase64url(response.signature);
    json.response.userHandle = response.userHandle ? toBase64url(response.userHandle) : null;
  }
  return json;
}

/**
 * The browser's getClientCapabilities() map (docs/architecture.md §5: sent as client.capabilities; a missing key counts as
 * false), completed for browsers that lack the method with what the older feature checks say.
 */
export async function collectCapabilities(PKC = globalThis.PublicKeyCredential) {
  if (!PKC) {
    return {};
  }
  let capabilities = {};
  if (typeof PKC.getClientCapabilities === 'function') {
    try {
      capabilities = { ...(await PKC.getClientCapabilities()) };
    } catch (error) {
      capabilities = {};
    }
  }
  if (
    !('userVerifyingPlatformAuthenticator' in capabilities) &&
    typeof PKC.isUserVerifyingPlatformAuthenticatorAvailable === 'function'
  ) {
    try {
      capabilities.userVerifyingPlatformAuthenticator =
        (await PKC.isUserVerifyingPlatformAuthenticatorAvailable()) === true;
    } catch (error) {
      // leave it out: missing counts as false
    }
  }
  if (!('conditionalGet' in capabilities) && typeof PKC.isConditionalMediationAvailable === 'function') {
    try {
      capabilities.conditionalGet = (await PKC.isConditionalMediationAvailable()) === true;
    } catch (error) {
      // leave it out
    }
  }
  for (const [key, value] of Object.entries(capabilities)) {
    if (typeof value !== 'boolean') {
      delete capabilities[key];
    }
  }
  return capabilities;
}

/** Whether conditional UI (passkey autofill on the username field) can start. */
export async function conditionalGetAvailable(PKC = globalThis.PublicKeyCredential) {
  if (!PKC || typeof PKC.isConditionalMediationAvailable !== 'function') {
    return false;
  }
  try {
    return (await PKC.isConditionalMediationAvailable()) === true;
  } catch (error) {
    return false;
  }
}

/** Tells the password manager a credential is gone (Signal API); false when unsupported. */
export async function signalUnknownCredential(rpId, credentialId, PKC = globalThis.PublicKeyCredential) {
  if (!PKC || typeof PKC.signalUnknownCredential !== 'function' || !credentialId) {
    return false;
  }
  try {
    await PKC.signalUnknownCredential({ rpId, credentialId });
    return true;
  } catch (error) {
    return false;
  }
}

/** Tells the password manager which credentials are still valid for this user (Signal API). */
export async function signalAcceptedCredentials(
  rpId,
  userId,
  credentialIds,
  PKC = globalThis.PublicKeyCredential,
) {
  if (!PKC || typeof PKC.signalAllAcceptedCredentials !== 'function' || !userId) {
    return false;
  }
  try {
    await PKC.signalAllAcceptedCredentials({ rpId, userId, allAcceptedCredentialIds: credentialIds });
    return true;
  } catch (error) {
    return false;
  }
}

/** Tells the password manager the current name and display name (Signal API). */
export async function signalUserDetails(rpId, userId, name, displayName, PKC = globalThis.PublicKeyCredential) {
  if (!PKC || typeof PKC.signalCurrentUserDetails !== 'function' || !userId || !name) {
    return false;
  }
  try {
    await PKC.signalCurrentUserDetails({ rpId, userId, name, displayName: displayName || name });
    return true;
  } catch (error) {
    return false;
  }
}
