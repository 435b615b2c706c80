/**
 * The adapters for public SMS APIs, each speaking its provider's documented wire format and mapping
 * the provider's error codes to retry, give up or tell the user: {@code TwilioSmsSender} (Twilio
 * Programmable Messaging) and {@code VonageSmsSender} (Vonage SMS API). Their HTTP exchange,
 * retries and circuit breaker are {@code provider.ProviderClient}'s.
 */
package dev.passbridge.otp.sms.provider.internal;
