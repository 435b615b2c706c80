-- Erased users (UserErased): a tombstone per erased user id, so a registration whose ceremony or
-- connect token was issued before the erasure cannot store a passkey for the user afterwards.
-- Removed once older than passbridge.passkey.erasure.tombstone-retention (by the next erasure).
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode (local profile).
CREATE TABLE erased_user (
  user_id   UUID                     NOT NULL PRIMARY KEY,
  erased_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX erased_user_by_erased_at ON erased_user (erased_at);
