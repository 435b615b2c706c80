// Passbridge web SDK v1, the entry: defines <passbridge-append>, <passbridge-login> and
// <passbridge-passkey-list> on this window. Load it as a module:
//   <script type="module" src="https://passbridge.example/sdk/v1/passbridge.js"></script>
// The building blocks (api client, WebAuthn JSON, problems, upgrade) are exported for pages that
// want them (the hosted pages use them through /sdk/v1/*.mjs).

import { defineElements } from './elements.mjs';

export { apiError, defineElements, elementClasses, EVENTS } from './elements.mjs';
export { api, apiClient } from './api.mjs';

defineElements(globalThis);
