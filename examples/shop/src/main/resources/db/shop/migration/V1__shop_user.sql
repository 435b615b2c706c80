-- The shop's own customers and its second-factor codes (the same SQL runs on H2 in PostgreSQL mode).
CREATE TABLE shop_user (
  id            VARCHAR(40)  PRIMARY KEY,
  email         VARCHAR(254) NOT NULL UNIQUE,
  display_name  VARCHAR(100) NOT NULL,
  password_hash VARCHAR(200) NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE second_factor_code (
  id         VARCHAR(40)  PRIMARY KEY,
  user_id    VARCHAR(40)  NOT NULL REFERENCES shop_user (id) ON DELETE CASCADE,
  code_hash  VARCHAR(200) NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  attempts   INTEGER      NOT NULL DEFAULT 0,
  used_at    TIMESTAMP WITH TIME ZONE
);

CREATE INDEX second_factor_code_user ON second_factor_code (user_id);
