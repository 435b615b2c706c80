/**
 * The gateway's request rules before anything is routed: served methods, well-formed paths, the
 * shared Origin rule, the body limit, identity headers removed, the client address by the shared
 * trusted-proxy rule ({@code passbridge.gateway.client-address.*}), the security headers and the
 * forwarding headers the services receive. docs/architecture.md §4, §7.
 */
package dev.passbridge.gateway.edge;
