/**
 * Connect mode, decided once for every service: the configured clients of a platform that keeps its
 * own login ({@link dev.passbridge.platform.core.connect.ConnectClients}: HTTP Basic client
 * authentication against hashed secrets, allowed origins, tenants), the scopes of a connect token
 * ({@link dev.passbridge.platform.core.connect.ConnectScope}) and the token itself ({@link
 * dev.passbridge.platform.core.connect.ConnectToken}, verified by {@link
 * dev.passbridge.platform.core.connect.ConnectTokenVerifier}: ES256, {@code typ connect+jwt},
 * signed with auth-service's session key, at most five minutes). Plain Java + Nimbus JOSE;
 * docs/architecture.md §4 "Connect".
 */
package dev.passbridge.platform.core.connect;
