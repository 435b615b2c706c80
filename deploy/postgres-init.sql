-- one database per service that owns one (ARCHITECTURE §2)
CREATE DATABASE passbridge_auth;
CREATE DATABASE passbridge_passkey;
