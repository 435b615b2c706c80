-- Connect mode: a passkey registered under a connect token belongs to a user of a connect tenant,
-- known there by the platform's own id. Hosted passkeys keep both NULL.
ALTER TABLE passkey_credential ADD COLUMN tenant VARCHAR(40);
ALTER TABLE passkey_credential ADD COLUMN external_user_id VARCHAR(128);

CREATE INDEX passkey_credential_by_external_user ON passkey_credential (tenant, external_user_id);
