-- Store schema v10: personal access tokens (read-only machine access for Power BI and Excel).
-- A token is stored only as the SHA-256 of its random value, like a session: a copy of the
-- store hands out no live tokens. `gemeenten` narrows the owner's gemeente limit further
-- ([] = the owner's own limit); the role is always the owner's current one.

CREATE SEQUENCE access_token_seq START 1;
CREATE TABLE access_tokens (
  token_id INTEGER PRIMARY KEY DEFAULT nextval('access_token_seq'),
  token_hash VARCHAR NOT NULL,
  account_id INTEGER NOT NULL,
  name VARCHAR NOT NULL,
  gemeenten VARCHAR NOT NULL,         -- JSON array of gemeente codes
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  last_used_at TIMESTAMP,
  revoked_at TIMESTAMP
);
