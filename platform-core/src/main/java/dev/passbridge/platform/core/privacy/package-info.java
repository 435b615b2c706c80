/** How personal data is shown where it must be shown at all (log lines, answers): masked. */
package dev.passbridge.platform.core.privacy;
