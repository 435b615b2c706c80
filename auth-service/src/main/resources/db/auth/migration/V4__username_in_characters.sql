-- A username is at most 64 characters as typed, counted as code points (as its key is). PostgreSQL
-- counts VARCHAR lengths that way; H2 (local profile) counts UTF-16 units, where a letter outside
-- the Basic Multilingual Plane is two.
ALTER TABLE user_account ALTER COLUMN username SET DATA TYPE VARCHAR(128);
