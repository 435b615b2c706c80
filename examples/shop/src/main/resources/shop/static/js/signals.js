// What the login page tells Passbridge about the browser (through the shop's backend, POST /connect/v1/logins
// `client`): was the password autofilled by a password manager and not typed over, the WebAuthn client
// capabilities, and the User-Agent client hints. Passbridge's intelligence decides from them whether to create a
// passkey silently or to offer one.

/** A trusted edit by the user (typing, deleting, pasting), not the browser filling the field. */
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

/** Whether the field shows the browser's autofill state now. */
export function matchesAutofill(element) {
  for (const selector of [':autofill', ':-webkit-autofill']) {
    try {
      if (element.matches(selector)) {
        return true;
      }
    } catch (unsupported) {
      // this browser does not know the selector: try the next
    }
  }
  return false;
}

/** getClientCapabilities(), completed with the older checks; only boolean values. */
export async function collectCapabilities(PKC = globalThis.PublicKeyCredential) {
  if (!PKC) {
    return {};
  }
  let caps = {};
  try {
    if (typeof PKC.getClientCapabilities === 'function') {
      caps = { ...(await PKC.getClientCapabilities()) };
    }
  } catch (failed) {
    caps = {};
  }
  try {
    if (!('userVerifyingPlatformAuthenticator' in caps) &&
        typeof PKC.isUserVerifyingPlatformAuthenticatorAvailable === 'function') {
      caps.userVerifyingPlatformAuthenticator = (await PKC.isUserVerifyingPlatformAuthenticatorAvailable()) === true;
    }
    if (!('conditionalGet' in caps) && typeof PKC.isConditionalMediationAvailable === 'function') {
      caps.conditionalGet = (await PKC.isConditionalMediationAvailable()) === true;
    }
  } catch (failed) {
    // leave them out: a missing capability counts as false
  }
  return Object.fromEntries(Object.entries(caps).filter(([, v]) => typeof v === 'boolean'));
}

const quote = (v) => `"${String(v ?? '').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const brands = (list) =>
  Array.isArray(list) ? list.map((b) => `${quote(b.brand)};v=${quote(b.version)}`).join(', ') : undefined;

/** navigator.userAgentData as Sec-CH-UA-* header values; {} where the browser has none. */
export async function collectClientHints(nav = globalThis.navigator) {
  const ua = nav?.userAgentData;
  if (!ua) {
    return {};
  }
  let high = {};
  try {
    high = await ua.getHighEntropyValues(['platformVersion', 'fullVersionList', 'model', 'architecture', 'bitness']);
  } catch (refused) {
    high = {};
  }
  const hints = {
    'Sec-CH-UA': brands(ua.brands),
    'Sec-CH-UA-Full-Version-List': brands(high.fullVersionList),
    'Sec-CH-UA-Mobile': ua.mobile ? '?1' : '?0',
    'Sec-CH-UA-Platform': typeof ua.platform === 'string' ? quote(ua.platform) : undefined,
    'Sec-CH-UA-Platform-Version': typeof high.platformVersion === 'string' ? quote(high.platformVersion) : undefined,
    'Sec-CH-UA-Model': typeof high.model === 'string' ? quote(high.model) : undefined,
    'Sec-CH-UA-Arch': typeof high.architecture === 'string' ? quote(high.architecture) : undefined,
    'Sec-CH-UA-Bitness': typeof high.bitness === 'string' ? quote(high.bitness) : undefined,
  };
  return Object.fromEntries(Object.entries(hints).filter(([, v]) => typeof v === 'string'));
}
