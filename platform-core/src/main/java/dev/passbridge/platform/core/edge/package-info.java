/**
 * The edge rules both the gateway and the services apply: the Origin rule on state-changing
 * requests ({@link dev.passbridge.platform.core.edge.OriginRule}) and who the client is behind
 * trusted proxies ({@link dev.passbridge.platform.core.edge.TrustedProxies}: a CIDR list and/or a
 * hop count). Plain Java; docs/architecture.md §4.
 */
package dev.passbridge.platform.core.edge;
