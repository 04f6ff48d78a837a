-- Store schema v4: accounts, sign-in sessions and the audit log (access control).
-- Passwords are argon2id hashes; a session is stored as the SHA-256 of its token, so a copy
-- of the store does not hand out live sessions.

CREATE SEQUENCE account_seq START 1;
CREATE TABLE accounts (
  account_id INTEGER PRIMARY KEY DEFAULT nextval('account_seq'),
  email VARCHAR NOT NULL UNIQUE,      -- lower case
  name VARCHAR NOT NULL,
  role VARCHAR NOT NULL,              -- beheerder | analist | lezer
  gemeenten VARCHAR NOT NULL,         -- JSON array of gemeente codes; [] = the whole region
  password_hash VARCHAR,              -- NULL: cannot sign in with a password (internal or SSO)
  is_demo BOOLEAN NOT NULL DEFAULT false,
  disabled BOOLEAN NOT NULL DEFAULT false,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TIMESTAMP,
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE auth_sessions (
  token_hash VARCHAR NOT NULL,
  account_id INTEGER NOT NULL,
  csrf_token VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  revoked_at TIMESTAMP
);

CREATE SEQUENCE audit_seq START 1;
CREATE TABLE audit_log (
  audit_id BIGINT NOT NULL DEFAULT nextval('audit_seq'),
  logged_at TIMESTAMP NOT NULL,
  actor VARCHAR,                      -- e-mail address; NULL for an anonymous attempt
  action VARCHAR NOT NULL,            -- e.g. 'POST /api/duiding', 'aanmelden-mislukt', 'gebruiker-toegevoegd'
  target VARCHAR,                     -- what was changed (id, file name, e-mail)
  before_json VARCHAR,
  after_json VARCHAR,
  ip VARCHAR
);
