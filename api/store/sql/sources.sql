-- Every query that answers sources answers whole rows (`*`): their columns are listed once, in the migrations.

-- insert_source --
-- Create a source; no row when the workspace already has a source with this slug.
INSERT INTO sources (workspace_id, source_id, slug, name, enabled, metadata_id, write_key, settings)
VALUES (
    %(workspace_id)s, %(source_id)s, %(slug)s, %(name)s, %(enabled)s, %(metadata_id)s, %(write_key)s, %(settings)s
)
ON CONFLICT (workspace_id, slug) DO NOTHING
RETURNING *;

-- get_source --
-- One source of a workspace.
SELECT * FROM sources WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s;

-- get_source_by_slug --
-- The source of a workspace with this slug.
SELECT * FROM sources WHERE workspace_id = %(workspace_id)s AND slug = %(slug)s;

-- count_sources --
-- How many sources a workspace has, or (plan_id not null) how many are connected to that plan.
SELECT count(*) FROM sources
WHERE workspace_id = %(workspace_id)s AND (%(plan_id)s::text IS NULL OR plan_id = %(plan_id)s);

-- list_sources_after --
-- Up to row_limit sources (of plan_id when not null) after position (created_at, id) or from the start, oldest first.
SELECT * FROM sources
WHERE workspace_id = %(workspace_id)s AND (%(plan_id)s::text IS NULL OR plan_id = %(plan_id)s)
  AND (created_at, source_id) > (COALESCE(%(created_at)s::timestamptz, '-infinity'), COALESCE(%(id)s::text, ''))
ORDER BY created_at, source_id
LIMIT %(row_limit)s;

-- list_sources_before --
-- Up to row_limit sources (of plan_id when not null) before position (created_at, id), newest first (the caller
-- reverses them).
SELECT * FROM sources
WHERE workspace_id = %(workspace_id)s AND (%(plan_id)s::text IS NULL OR plan_id = %(plan_id)s)
  AND (created_at, source_id) < (%(created_at)s, %(id)s::text)
ORDER BY created_at DESC, source_id DESC
LIMIT %(row_limit)s;

-- connected_sources --
-- Every source connected to plan_id, with its schema settings, oldest first.
SELECT * FROM sources WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s
ORDER BY created_at, source_id;

-- lock_source --
-- Lock a source until the transaction ends: no transformation can be added to it meanwhile (that needs a KEY
-- SHARE lock on it). No row when there is no such source.
SELECT source_id FROM sources WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s FOR UPDATE;

-- delete_source --
-- Delete a source (its transformations go with it); answers it, with the plan it was connected to.
DELETE FROM sources WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s
RETURNING *;

-- lock_schema_settings --
-- A source, locked until the transaction ends. NO KEY UPDATE, as its UPDATE changes no key: it does not wait
-- for the KEY SHARE that a source forwarding here holds on it, so such sources never deadlock.
SELECT * FROM sources WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s FOR NO KEY UPDATE;

-- update_schema_settings --
-- Store a source's schema settings and forwarding targets.
UPDATE sources
SET schema_settings = %(schema_settings)s, forwarding_violations_to = %(forwarding_violations_to)s,
    forwarding_blocked_events_to = %(forwarding_blocked_events_to)s
WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s;

-- hold_sources --
-- Which of source_ids the workspace has, locked against deletion until the transaction ends.
SELECT source_id FROM sources
WHERE workspace_id = %(workspace_id)s AND source_id = ANY(%(source_ids)s::text[]) FOR KEY SHARE;

-- connect_source --
-- Connect a source to plan_id unless it is on another plan; no row when it is not free.
UPDATE sources SET plan_id = %(plan_id)s
WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s AND (plan_id IS NULL OR plan_id = %(plan_id)s)
RETURNING source_id;

-- source_plan --
-- The plan a source is connected to (null when none); no row when there is no such source.
SELECT plan_id FROM sources WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s;

-- disconnect_source --
-- Disconnect a source from plan_id; no row when it is not connected to that plan.
UPDATE sources SET plan_id = NULL
WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s AND plan_id = %(plan_id)s
RETURNING source_id;
