package dev.passbridge.passkey.ceremony;

/** What the web app should do after a password login. */
public enum UpgradeAction {
  /** {@code navigator.credentials.create({mediation: 'conditional'})}. */
  CONDITIONAL_CREATE,
  /** Show an "add a passkey" prompt, then a modal create. */
  PROMPT,
  NONE
}
