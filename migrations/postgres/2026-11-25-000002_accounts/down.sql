DROP TABLE recovery_codes;
DROP TABLE account_tokens;
DROP TABLE spent_refresh_tokens;
DROP TABLE sessions;
DROP TABLE users;
