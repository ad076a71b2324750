-- The authenticator key a person is setting up, kept with the session that
-- is setting it up (sealed under their data key, like the key in
-- users.totp_secret) instead of travelling through the form, so nobody can
-- enrol a key of their own choosing. Cleared once two-step sign-in is on.
ALTER TABLE sessions ADD COLUMN pending_totp_secret TEXT;
