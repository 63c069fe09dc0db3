-- insert_source --
-- Create a source; no row when the workspace already has a source with this slug.
INSERT INTO sources (workspace_id, source_id, slug, name, enabled, metadata_id, write_key, settings)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (workspace_id, slug) DO NOTHING
RETURNING workspace_id, source_id AS id, slug, name, enabled, metadata_id, write_key, settings, plan_id, created_at;

-- get_source --
-- One source of a workspace.
SELECT workspace_id, source_id AS id, slug, name, enabled, metadata_id, write_key, settings, plan_id, created_at
FROM sources WHERE workspace_id = $1 AND source_id = $2;

-- count_sources --
-- How many sources a workspace has, or ($2 not null) how many are connected to plan $2.
SELECT count(*) FROM sources WHERE workspace_id = $1 AND ($2::text IS NULL OR plan_id = $2);

-- list_sources_after --
-- Up to $5 sources (of plan $2 when not null) after position ($3, $4) or from the start, oldest first.
SELECT workspace_id, source_id AS id, slug, name, enabled, metadata_id, write_key, settings, plan_id, created_at
FROM sources
WHERE workspace_id = $1 AND ($2::text IS NULL OR plan_id = $2)
  AND (created_at, source_id) > (COALESCE($3::timestamptz, '-infinity'), COALESCE($4::text, ''))
ORDER BY created_at, source_id
LIMIT $5;

-- list_sources_before --
-- Up to $5 sources (of plan $2 when not null) before position ($3, $4), newest first (the caller reverses them).
SELECT workspace_id, source_id AS id, slug, name, enabled, metadata_id, write_key, settings, plan_id, created_at
FROM sources
WHERE workspace_id = $1 AND ($2::text IS NULL OR plan_id = $2) AND (created_at, source_id) < ($3, $4::text)
ORDER BY created_at DESC, source_id DESC
LIMIT $5;

-- lock_source --
-- Lock a source until the transaction ends: no transformation can be added to it meanwhile (that needs a KEY
-- SHARE lock on it). No row when there is no such source.
SELECT source_id FROM sources WHERE workspace_id = $1 AND source_id = $2 FOR UPDATE;

-- delete_source --
-- Delete a source (its transformations go with it); answers it, with the plan it was connected to.
DELETE FROM sources WHERE workspace_id = $1 AND source_id = $2
RETURNING workspace_id, source_id AS id, slug, name, enabled, metadata_id, write_key, settings, plan_id, created_at;

-- get_schema_settings --
-- A source's schema settings and forwarding targets.
SELECT schema_settings, forwarding_violations_to, forwarding_blocked_events_to
FROM sources WHERE workspace_id = $1 AND source_id = $2;

-- lock_schema_settings --
-- A source's schema settings, locked until the transaction ends. NO KEY UPDATE, as its UPDATE changes no key: it
-- does not wait for the KEY SHARE that a source forwarding here holds on it, so such sources never deadlock.
SELECT schema_settings, forwarding_violations_to, forwarding_blocked_events_to
FROM sources WHERE workspace_id = $1 AND source_id = $2 FOR NO KEY UPDATE;

-- update_schema_settings --
-- Store a source's schema settings and forwarding targets.
UPDATE sources SET schema_settings = $3, forwarding_violations_to = $4, forwarding_blocked_events_to = $5
WHERE workspace_id = $1 AND source_id = $2;

-- existing_sources --
-- Which of the source ids $2 the workspace has, locked against deletion until the transaction ends.
SELECT source_id FROM sources WHERE workspace_id = $1 AND source_id = ANY($2::text[]) FOR KEY SHARE;

-- connect_source --
-- Connect a source to plan $3 unless it is on another plan; no row when it is not free.
UPDATE sources SET plan_id = $3
WHERE workspace_id = $1 AND source_id = $2 AND (plan_id IS NULL OR plan_id = $3)
RETURNING source_id;

-- source_plan --
-- The plan a source is connected to (null when none); no row when there is no such source.
SELECT plan_id FROM sources WHERE workspace_id = $1 AND source_id = $2;

-- disconnect_source --
-- Disconnect a source from plan $3; no row when it is not connected to that plan.
UPDATE sources SET plan_id = NULL WHERE workspace_id = $1 AND source_id = $2 AND plan_id = $3
RETURNING source_id;

-- connected_sources --
-- Every source connected to plan $2, with its schema settings, oldest first.
SELECT workspace_id, source_id AS id, slug, name, enabled, metadata_id, write_key, settings, plan_id, created_at,
       schema_settings, forwarding_violations_to, forwarding_blocked_events_to
FROM sources WHERE workspace_id = $1 AND plan_id = $2
ORDER BY created_at, source_id;

-- get_source_by_slug --
-- The source of a workspace with this slug.
SELECT workspace_id, source_id AS id, slug, name, enabled, metadata_id, write_key, settings, plan_id, created_at
FROM sources WHERE workspace_id = $1 AND slug = $2;
