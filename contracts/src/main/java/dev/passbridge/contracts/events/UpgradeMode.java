package dev.passbridge.contracts.events;

/** How passkey-service asks the browser to create the passkey. */
public enum UpgradeMode {
  /** {@code navigator.credentials.create({mediation: 'conditional'})}: silent, UP may be 0. */
  CONDITIONAL,
  /** An explicit "add a passkey" prompt followed by a modal create: UP required. */
  PROMPT
}
