-- A display name is 1 to 64 characters counted as code points (an emoji is one). PostgreSQL counts
-- VARCHAR lengths that way; H2 (local profile) counts UTF-16 units, where 64 emoji are 128.
ALTER TABLE user_account ALTER COLUMN display_name SET DATA TYPE VARCHAR(128);
