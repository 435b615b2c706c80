-- Passkeys. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode (local profile).
CREATE TABLE passkey_credential (
  credential_id         VARCHAR(1400)            NOT NULL PRIMARY KEY, -- base64url of the raw id (at most 1023 bytes)
  user_id               UUID                     NOT NULL,
  user_handle           VARCHAR(128)             NOT NULL,             -- base64url of the WebAuthn user.id
  public_key            BYTEA                    NOT NULL,             -- COSE_Key
  algorithm             INTEGER                  NOT NULL,             -- COSE algorithm, e.g. -7
  sign_count            BIGINT                   NOT NULL,
  aaguid                UUID                     NOT NULL,
  transports            VARCHAR(200)             NOT NULL,             -- comma-separated
  backup_eligible       BOOLEAN                  NOT NULL,
  backup_state          BOOLEAN                  NOT NULL,
  attestation_format    VARCHAR(32)              NOT NULL,
  upgrade_mode          VARCHAR(16),
  name                  VARCHAR(64)              NOT NULL,
  provider_name         VARCHAR(128)             NOT NULL,
  created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
  last_used_at          TIMESTAMP WITH TIME ZONE,
  counter_regression_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX passkey_credential_by_user ON passkey_credential (user_id);
