-- auth-service schema; runs on PostgreSQL and on H2 in PostgreSQL mode (local profile).

create table user_account (
  id                  uuid          not null primary key,
  -- as the user typed it at registration (trimmed)
  username            varchar(64)   not null,
  -- NFKC + lower case (root locale) + NFKC: the unique form
  username_key        varchar(1024) not null,
  display_name        varchar(64)   not null,
  -- E.164
  phone               varchar(16)   not null,
  -- Argon2id, encoded with its parameters ($argon2id$v=19$m=..,t=..,p=..$salt$hash)
  password_hash       varchar(255)  not null,
  -- opaque WebAuthn user handle: 64 random bytes, base64url (86 characters)
  user_handle         varchar(100)  not null,
  -- comma-separated, e.g. user,admin
  roles               varchar(200)  not null,
  created_at          timestamp with time zone not null,
  updated_at          timestamp with time zone not null,
  password_changed_at timestamp with time zone not null,
  constraint user_account_username_key_uq unique (username_key),
  constraint user_account_user_handle_uq unique (user_handle)
);

-- auth-service's projection of passkey-service's PasskeyCreated / PasskeyDeleted (hasPasskey).
-- A row with deleted_at set is a tombstone: a deletion seen before its creation stays deleted.
create table passkey_projection (
  credential_id varchar(1024) not null primary key,
  user_id       uuid          not null,
  created_at    timestamp with time zone,
  deleted_at    timestamp with time zone,
  updated_at    timestamp with time zone not null
);
create index passkey_projection_user_idx on passkey_projection (user_id);

-- Session signing keys (EC P-256). generation is unique: when several instances rotate at once,
-- the first insert wins and the others reload.
create table signing_key (
  kid          varchar(128)  not null primary key,
  generation   integer       not null,
  -- the private JWK, in the clear or sealed with AES-GCM (passbridge.auth.keys.encryption-key)
  private_jwk  varchar(4096) not null,
  encrypted    boolean       not null,
  created_at   timestamp with time zone not null,
  activates_at timestamp with time zone not null,
  constraint signing_key_generation_uq unique (generation)
);
