-- Token scopes and expiry (docs/server.md, "Tokens"). scope is read, deploy or admin; a token made
-- before scopes existed becomes deploy, the default of `gantry token create`: it keeps pushing,
-- deploying and rolling back, and needs an admin token to release a lock through the API.
-- expires_at is epoch milliseconds (UTC), BIGINT as everywhere; NULL never expires.
ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'deploy';
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
