-- Store schema v14: account management in the web app. A beheerder who adds an account or
-- resets a password hands out a one-time password; the account must choose its own password
-- at its next sign-in before it can do anything else.

ALTER TABLE accounts ADD COLUMN must_change_password BOOLEAN DEFAULT false;
