-- A passkey's name is 1 to 64 characters counted as code points (an emoji is one). PostgreSQL counts
-- VARCHAR lengths that way; H2 (local profile) counts UTF-16 units, where 64 emoji are 128.
ALTER TABLE passkey_credential ALTER COLUMN name SET DATA TYPE VARCHAR(128);
