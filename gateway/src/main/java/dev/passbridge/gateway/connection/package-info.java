/**
 * Per-connection HTTP/1.1 behaviour under Reactor Netty (all in {@code internal}): reads on
 * kept-alive connections, the order of decoding failures, and Netty's bare 400/414/431 rewritten as
 * problems with the security headers.
 */
package dev.passbridge.gateway.connection;
