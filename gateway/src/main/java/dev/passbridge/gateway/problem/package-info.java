/**
 * How the gateway answers failures: platform-core's problem catalogue written onto the exchange
 * ({@code ProblemWebAdapter}) and every unhandled failure mapped to a problem ({@code
 * internal.GatewayErrorHandler}); never a stack trace, never a 500 for bad input.
 */
package dev.passbridge.gateway.problem;
