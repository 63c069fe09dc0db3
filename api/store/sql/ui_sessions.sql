-- create_session --
-- Store a new session of a token by the hash of its id; drops the expired sessions of every token on the way.
WITH expired AS (DELETE FROM ui_sessions WHERE expires_at < now())
INSERT INTO ui_sessions (workspace_id, token_id, session_hash, expires_at)
VALUES (%(workspace_id)s, %(token_id)s, %(session_hash)s, now() + %(lifetime)s::interval);

-- get_session_principal --
-- The token of a live session, its role and its workspace; nothing when the session is unknown, expired or its
-- token revoked.
SELECT t.token_id, t.name AS token_name, t.role, w.workspace_id, w.slug AS workspace_slug, w.name AS workspace_name
FROM ui_sessions s
JOIN tokens t ON t.workspace_id = s.workspace_id AND t.token_id = s.token_id
JOIN workspaces w ON w.workspace_id = t.workspace_id
WHERE s.session_hash = %(session_hash)s AND s.expires_at > now();

-- delete_session --
-- End a session (sign-out).
DELETE FROM ui_sessions WHERE session_hash = %(session_hash)s;

-- get_key --
-- A key of the web view, made by the migration.
SELECT key FROM ui_keys WHERE name = %(name)s;
