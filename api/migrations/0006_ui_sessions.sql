-- The web view (/ui): sessions of browsers signed in with a token, and the key that signs its CSRF tokens.

-- A signed-in browser holds a random session id in a cookie; only its SHA-256 is kept, like a token's secret.
-- Revoking (deleting) the token deletes its sessions, so the next page it asks for is the sign-in form.
CREATE TABLE ui_sessions (
    workspace_id text NOT NULL,
    token_id text NOT NULL,
    session_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, token_id, session_hash),
    FOREIGN KEY (workspace_id, token_id) REFERENCES tokens ON DELETE CASCADE
);

CREATE INDEX ui_sessions_by_expiry ON ui_sessions (expires_at);

-- One key shared by every worker and replica (a CSRF token one worker hands out is checked by another),
-- made once here from PostgreSQL's strong random source (gen_random_uuid, PostgreSQL 13 and later).
CREATE TABLE ui_keys (
    name text PRIMARY KEY,
    key text NOT NULL
);

INSERT INTO ui_keys (name, key)
VALUES ('csrf', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
