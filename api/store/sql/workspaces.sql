-- insert_workspace --
-- Create a workspace; a taken slug violates workspaces_slug_key.
INSERT INTO workspaces (workspace_id, slug, name) VALUES (%(workspace_id)s, %(slug)s, %(name)s);

-- get_workspace_by_slug --
-- One workspace, by its slug.
SELECT workspace_id, slug, name FROM workspaces WHERE slug = %(slug)s;

-- count_workspaces --
-- How many workspaces exist (zero on a fresh database).
SELECT count(*) FROM workspaces;
