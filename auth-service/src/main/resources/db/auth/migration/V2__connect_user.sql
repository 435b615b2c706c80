-- Connect mode: a platform's user (tenant, its own external id) mapped to a stable internal user id
-- and an opaque WebAuthn user handle, created on first sight. The primary key makes concurrent
-- first sights create one row. Clients of the same tenant share users; other tenants never do.
create table connect_user (
  tenant           varchar(40)   not null,
  -- [A-Za-z0-9._:@-]{1,128}, exactly as the platform sends it
  external_user_id varchar(128)  not null,
  user_id          uuid          not null,
  -- 64 random bytes, base64url (86 characters), like user_account.user_handle
  user_handle      varchar(100)  not null,
  created_at       timestamp with time zone not null,
  constraint connect_user_pk primary key (tenant, external_user_id),
  constraint connect_user_user_id_uq unique (user_id),
  constraint connect_user_user_handle_uq unique (user_handle)
);
