-- Store schema v14: account management in the web app. A beheerder who adds an account or
-- resets a password hands out a one-time password; the account must choose its own password
-- at its next sign-in before it can do anything else. An account listed here must.
-- (A table, not a column of `accounts`: see 013_sso.sql on replaying ALTER TABLE.)

CREATE TABLE account_must_change (account_id INTEGER PRIMARY KEY);
