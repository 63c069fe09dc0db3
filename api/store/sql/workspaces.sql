-- insert_workspace --
-- Create a workspace; a taken slug violates workspaces_slug_key.
INSERT INTO workspaces (workspace_id, slug, name) VALUES ($1, $2, $3);

-- get_workspace_by_slug --
-- One workspace, by its slug.
SELECT workspace_id, slug, name FROM workspaces WHERE slug = $1;

-- count_workspaces --
-- How many workspaces exist (zero on a fresh database).
SELECT count(*) FROM workspaces;
