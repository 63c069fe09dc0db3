-- insert_token --
-- Store a new token by the hash of its secret.
INSERT INTO tokens (workspace_id, token_id, name, role, secret_hash)
VALUES (%(workspace_id)s, %(token_id)s, %(name)s, %(role)s, %(secret_hash)s)
RETURNING token_id, name, role, created_at;

-- get_principal --
-- The token with this secret hash, its role and its workspace.
SELECT t.token_id, t.name AS token_name, t.role, w.workspace_id, w.slug AS workspace_slug, w.name AS workspace_name
FROM tokens t JOIN workspaces w ON w.workspace_id = t.workspace_id
WHERE t.secret_hash = %(secret_hash)s;

-- list_tokens --
-- Every token of a workspace, oldest first, without secrets.
SELECT token_id, name, role, created_at FROM tokens WHERE workspace_id = %(workspace_id)s ORDER BY created_at, token_id;

-- delete_token --
-- Revoke a token by deleting it; answers its id when it existed in the workspace.
DELETE FROM tokens WHERE workspace_id = %(workspace_id)s AND token_id = %(token_id)s RETURNING token_id;
