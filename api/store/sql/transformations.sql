-- insert_transformation --
-- Create a transformation of a source.
INSERT INTO transformations (workspace_id, transformation_id, source_id, body)
VALUES ($1, $2, $3, $4)
RETURNING transformation_id AS id, body, created_at, updated_at;

-- get_transformation --
-- One transformation of a workspace.
SELECT transformation_id AS id, body, created_at, updated_at
FROM transformations WHERE workspace_id = $1 AND transformation_id = $2;

-- lock_transformation --
-- One transformation of a workspace, locked until the transaction ends.
SELECT transformation_id AS id, body, created_at, updated_at
FROM transformations WHERE workspace_id = $1 AND transformation_id = $2 FOR UPDATE;

-- update_transformation --
-- Replace a locked transformation's source and body.
UPDATE transformations SET source_id = $3, body = $4, updated_at = now()
WHERE workspace_id = $1 AND transformation_id = $2
RETURNING transformation_id AS id, body, created_at, updated_at;

-- delete_transformation --
-- Delete a transformation (its slots go with it).
DELETE FROM transformations WHERE workspace_id = $1 AND transformation_id = $2 RETURNING transformation_id;

-- count_transformations --
-- How many transformations a workspace has.
SELECT count(*) FROM transformations WHERE workspace_id = $1;

-- list_transformations_after --
-- Up to $4 transformations after position ($2, $3) or from the start, oldest first.
SELECT transformation_id AS id, body, created_at, updated_at
FROM transformations
WHERE workspace_id = $1
  AND (created_at, transformation_id) > (COALESCE($2::timestamptz, '-infinity'), COALESCE($3::text, ''))
ORDER BY created_at, transformation_id
LIMIT $4;

-- list_transformations_before --
-- Up to $4 transformations before position ($2, $3), newest first (the caller reverses them).
SELECT transformation_id AS id, body, created_at, updated_at
FROM transformations
WHERE workspace_id = $1 AND (created_at, transformation_id) < ($2, $3::text)
ORDER BY created_at DESC, transformation_id DESC
LIMIT $4;

-- claim_slots --
-- Take the (event, destination, type) slots of transformation $2 in source $3; answers the slots taken,
-- so a slot missing from the answer is held by another transformation.
INSERT INTO transformation_slots (workspace_id, transformation_id, source_id, event_digest, destination, type)
SELECT $1, $2, $3, slot.event_digest, slot.destination, slot.type
FROM unnest($4::bytea[], $5::text[], $6::text[]) AS slot(event_digest, destination, type)
ON CONFLICT DO NOTHING
RETURNING type;

-- slot_holder --
-- The transformation holding slot ($3, $4, $5) of source $2.
SELECT transformation_id FROM transformation_slots
WHERE workspace_id = $1 AND source_id = $2 AND event_digest = $3 AND destination = $4 AND type = $5;

-- release_slots --
-- Free every slot of a transformation (before it takes its new ones).
DELETE FROM transformation_slots WHERE workspace_id = $1 AND transformation_id = $2;

-- transformations_of_source --
-- Every transformation of source $2, oldest first.
SELECT transformation_id AS id, body, created_at, updated_at
FROM transformations WHERE workspace_id = $1 AND source_id = $2
ORDER BY created_at, transformation_id;

-- source_transformations --
-- The transformations of source $2, oldest first; one row with a null body when it has none, no row when
-- there is no such source.
SELECT t.body
FROM sources s
LEFT JOIN transformations t ON t.workspace_id = s.workspace_id AND t.source_id = s.source_id
WHERE s.workspace_id = $1 AND s.source_id = $2
ORDER BY t.created_at, t.transformation_id;
