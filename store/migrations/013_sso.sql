-- Store schema v13: single sign-on. An account made by its first sign-in through the
-- organisation's identity provider is tied to the provider's subject (`iss` + `sub`), which
-- never changes, rather than to its e-mail address, which can. A sign-in session remembers
-- whether it came from the provider, so signing out also ends the provider's session.

ALTER TABLE accounts ADD COLUMN oidc_subject VARCHAR;
ALTER TABLE auth_sessions ADD COLUMN sso BOOLEAN DEFAULT false;
