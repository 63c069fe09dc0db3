-- A transformation is answered as one JSON object: its body (the API's shape) with its id and times.

-- insert_transformation --
-- Create a transformation of a source.
INSERT INTO transformations (workspace_id, transformation_id, source_id, body)
VALUES (%(workspace_id)s, %(transformation_id)s, %(source_id)s, %(body)s)
RETURNING (body::jsonb || jsonb_build_object('id', transformation_id, 'createdAt', created_at, 'updatedAt', updated_at))::text
    AS transformation;

-- get_transformation --
-- One transformation of a workspace.
SELECT (body::jsonb || jsonb_build_object('id', transformation_id, 'createdAt', created_at, 'updatedAt', updated_at))::text
    AS transformation
FROM transformations WHERE workspace_id = %(workspace_id)s AND transformation_id = %(transformation_id)s;

-- lock_transformation --
-- One transformation of a workspace, locked until the transaction ends.
SELECT (body::jsonb || jsonb_build_object('id', transformation_id, 'createdAt', created_at, 'updatedAt', updated_at))::text
    AS transformation
FROM transformations WHERE workspace_id = %(workspace_id)s AND transformation_id = %(transformation_id)s
FOR UPDATE;

-- update_transformation --
-- Replace a locked transformation's source and body.
UPDATE transformations SET source_id = %(source_id)s, body = %(body)s, updated_at = now()
WHERE workspace_id = %(workspace_id)s AND transformation_id = %(transformation_id)s
RETURNING (body::jsonb || jsonb_build_object('id', transformation_id, 'createdAt', created_at, 'updatedAt', updated_at))::text
    AS transformation;

-- delete_transformation --
-- Delete a transformation (its slots go with it).
DELETE FROM transformations WHERE workspace_id = %(workspace_id)s AND transformation_id = %(transformation_id)s
RETURNING transformation_id;

-- count_transformations --
-- How many transformations a workspace has.
SELECT count(*) FROM transformations WHERE workspace_id = %(workspace_id)s;

-- list_transformations_after --
-- Up to row_limit transformations after position (created_at, id) or from the start, oldest first.
SELECT (body::jsonb || jsonb_build_object('id', transformation_id, 'createdAt', created_at, 'updatedAt', updated_at))::text
    AS transformation
FROM transformations
WHERE workspace_id = %(workspace_id)s
  AND (created_at, transformation_id) > (COALESCE(%(created_at)s::timestamptz, '-infinity'), COALESCE(%(id)s::text, ''))
ORDER BY created_at, transformation_id
LIMIT %(row_limit)s;

-- list_transformations_before --
-- Up to row_limit transformations before position (created_at, id), newest first (the caller reverses them).
SELECT (body::jsonb || jsonb_build_object('id', transformation_id, 'createdAt', created_at, 'updatedAt', updated_at))::text
    AS transformation
FROM transformations
WHERE workspace_id = %(workspace_id)s AND (created_at, transformation_id) < (%(created_at)s, %(id)s::text)
ORDER BY created_at DESC, transformation_id DESC
LIMIT %(row_limit)s;

-- claim_slots --
-- Take the (event, destination, type) slots of a transformation in its source; answers the slots taken,
-- so a slot missing from the answer is held by another transformation.
INSERT INTO transformation_slots (workspace_id, transformation_id, source_id, event_digest, destination, type)
SELECT %(workspace_id)s, %(transformation_id)s, %(source_id)s, slot.event_digest, slot.destination, slot.type
FROM unnest(%(event_digests)s::bytea[], %(destinations)s::text[], %(types)s::text[])
    AS slot(event_digest, destination, type)
ON CONFLICT DO NOTHING
RETURNING type;

-- slot_holder --
-- The transformation holding a slot of a source.
SELECT transformation_id FROM transformation_slots
WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s AND event_digest = %(event_digest)s
  AND destination = %(destination)s AND type = %(type)s;

-- release_slots --
-- Free every slot of a transformation (before it takes its new ones).
DELETE FROM transformation_slots WHERE workspace_id = %(workspace_id)s AND transformation_id = %(transformation_id)s;

-- transformations_of_source --
-- Every transformation of a source, oldest first.
SELECT (body::jsonb || jsonb_build_object('id', transformation_id, 'createdAt', created_at, 'updatedAt', updated_at))::text
    AS transformation
FROM transformations WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s
ORDER BY created_at, transformation_id;

-- source_transformations --
-- The transformations of a source, oldest first; one row with a null body when it has none, no row when
-- there is no such source.
SELECT t.body
FROM sources s
LEFT JOIN transformations t ON t.workspace_id = s.workspace_id AND t.source_id = s.source_id
WHERE s.workspace_id = %(workspace_id)s AND s.source_id = %(source_id)s
ORDER BY t.created_at, t.transformation_id;
