-- Store schema v13: single sign-on. An account made by its first sign-in through the
-- organisation's identity provider is tied to the provider's subject (`iss` + `sub`), which
-- never changes, rather than to its e-mail address, which can. A sign-in session remembers
-- whether it came from the provider, so signing out also ends the provider's session.
--
-- The subject lives in a table of its own, not in a new column of `accounts`: DuckDB 1.5
-- cannot replay from its write-ahead log an ALTER TABLE ... ADD COLUMN on a table with a
-- `DEFAULT nextval(...)` column ("GetDefaultDatabase with no default database set"), so a
-- server killed before the next checkpoint would leave a store that no longer opens
-- (tests/store.test.ts keeps every migration replayable).

CREATE TABLE account_oidc (
  account_id INTEGER PRIMARY KEY,
  oidc_subject VARCHAR NOT NULL UNIQUE
);
ALTER TABLE auth_sessions ADD COLUMN sso BOOLEAN DEFAULT false;
