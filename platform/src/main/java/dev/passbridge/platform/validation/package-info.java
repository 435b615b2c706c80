/** Bean Validation constraints the services share ({@link VisibleText}). */
package dev.passbridge.platform.validation;
