// base64url without padding (RFC 4648 §5), the encoding of every binary field in WebAuthn JSON.

/** @param {ArrayBuffer | ArrayBufferView} bytes */
export function toBase64url(bytes) {
  const view =
    bytes instanceof ArrayBuffer
      ? new Uint8Array(bytes)
      : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) {
    binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * @param {string} text base64url (padding and standard base64 characters tolerated)
 * @returns {Uint8Array}
 */
export function fromBase64url(text) {
  if (typeof text !== 'string') {
    throw new TypeError('base64url value must be a string');
  }
  const standard = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(standard) || standard.length % 4 === 1) {
    throw new TypeError('not a base64url value');
  }
  const padded = standard + '='.repeat((4 - (standard.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/** The ArrayBuffer of a base64url value (what WebAuthn's option dictionaries want). */
export function bufferFromBase64url(text) {
  const bytes = fromBase64url(text);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}
