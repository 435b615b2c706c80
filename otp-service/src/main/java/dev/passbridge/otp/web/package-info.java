/**
 * The input rules the HTTP endpoints share: what a code looks like and the messages of a rejected
 * field (a login id is {@link dev.passbridge.contracts.ids.LoginId#PATTERN}, as in every service).
 */
package dev.passbridge.otp.web;
