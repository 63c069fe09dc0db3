-- source_by_write_key --
-- The source a write key names, with its schema settings and the plan it is connected to (revision, rs id, name).
SELECT s.workspace_id, s.source_id, s.slug, s.name, s.enabled, s.schema_settings, s.forwarding_violations_to,
       s.forwarding_blocked_events_to, s.plan_id, p.revision AS plan_revision, p.resource_schema_id, p.name AS plan_name
FROM sources s
LEFT JOIN tracking_plans p ON p.workspace_id = s.workspace_id AND p.plan_id = s.plan_id
WHERE s.write_key = $1;

-- claim_message_ids --
-- Record the message ids ($1 workspaces, $2 sources, $3 ids, $4 when) not seen in the 24 hours before; answers
-- those that are new (the others are duplicates, counted once already).
INSERT INTO event_message_ids (workspace_id, source_id, message_id, seen_at)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
ON CONFLICT (workspace_id, source_id, message_id) DO UPDATE SET seen_at = EXCLUDED.seen_at
WHERE event_message_ids.seen_at < EXCLUDED.seen_at - interval '24 hours'
RETURNING workspace_id, source_id, message_id;

-- add_deliveries --
-- Add hourly delivery counts of sources that still exist: $1 workspaces, $2 sources, $3 hours, $4..$8 counts.
INSERT INTO event_deliveries (workspace_id, source_id, hour, received, delivered, blocked, dropped, omitted)
SELECT c.* FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bigint[], $5::bigint[], $6::bigint[],
                       $7::bigint[], $8::bigint[]) AS c(workspace_id, source_id, hour, received, delivered, blocked,
                                                        dropped, omitted)
JOIN sources s ON s.workspace_id = c.workspace_id AND s.source_id = c.source_id
ON CONFLICT (workspace_id, source_id, hour) DO UPDATE SET
    received = event_deliveries.received + EXCLUDED.received,
    delivered = event_deliveries.delivered + EXCLUDED.delivered,
    blocked = event_deliveries.blocked + EXCLUDED.blocked,
    dropped = event_deliveries.dropped + EXCLUDED.dropped,
    omitted = event_deliveries.omitted + EXCLUDED.omitted;

-- add_violations --
-- Add hourly violation counts of sources that still exist, keeping the latest description and the newest 5 samples.
INSERT INTO event_violations (workspace_id, source_id, hour, event_type, event_name, version, violation_type, field,
                              count, description, last_seen_at, samples)
SELECT c.workspace_id, c.source_id, c.hour, c.event_type, c.event_name, c.version, c.violation_type, c.field,
       c.count, c.description, c.last_seen_at, c.samples::jsonb
FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::int[], $7::text[],
                       $8::text[], $9::bigint[], $10::text[], $11::timestamptz[], $12::text[])
    AS c(workspace_id, source_id, hour, event_type, event_name, version, violation_type, field, count, description,
         last_seen_at, samples)
JOIN sources s ON s.workspace_id = c.workspace_id AND s.source_id = c.source_id
ON CONFLICT (workspace_id, source_id, hour, event_type, event_name, version, violation_type, field) DO UPDATE SET
    count = event_violations.count + EXCLUDED.count,
    description = EXCLUDED.description,
    last_seen_at = EXCLUDED.last_seen_at,
    samples = (SELECT coalesce(jsonb_agg(sample ORDER BY n), '[]')
               FROM jsonb_array_elements(EXCLUDED.samples || event_violations.samples) WITH ORDINALITY AS x(sample, n)
               WHERE n <= 5);

-- add_recent_events --
-- Append debugger entries ($1 workspaces, $2 sources, $3 when, $4 entries) of sources that still exist, in order.
INSERT INTO recent_events (workspace_id, source_id, received_at, entry)
SELECT c.workspace_id, c.source_id, c.received_at, c.entry
FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) WITH ORDINALITY
    AS c(workspace_id, source_id, received_at, entry, n)
JOIN sources s ON s.workspace_id = c.workspace_id AND s.source_id = c.source_id
ORDER BY c.n;

-- trim_recent_events --
-- Keep the newest 100 debugger entries of each of these sources ($1 workspaces, $2 sources).
DELETE FROM recent_events r
USING unnest($1::text[], $2::text[]) AS t(workspace_id, source_id)
WHERE r.workspace_id = t.workspace_id AND r.source_id = t.source_id
  AND r.position < (SELECT k.position FROM recent_events k
                    WHERE k.workspace_id = t.workspace_id AND k.source_id = t.source_id
                    ORDER BY k.position DESC OFFSET 99 LIMIT 1);

-- expire_message_ids --
-- Forget message ids seen before $1 (24 hours ago).
DELETE FROM event_message_ids WHERE seen_at < $1;

-- expire_deliveries --
-- Remove delivery counts of hours before $1 (the retention).
DELETE FROM event_deliveries WHERE hour < $1;

-- expire_violations --
-- Remove violation counts of hours before $1 (the retention).
DELETE FROM event_violations WHERE hour < $1;

-- expire_recent_events --
-- Remove debugger entries of sources that are gone, and entries older than $1 (the retention).
DELETE FROM recent_events r
WHERE r.received_at < $1
   OR NOT EXISTS (SELECT 1 FROM sources s WHERE s.workspace_id = r.workspace_id AND s.source_id = r.source_id);

-- violations_since --
-- Violation counts since $3 of the sources $2 of workspace $1, per event, rule version, type and field.
SELECT source_id, event_type, event_name, version, violation_type, field, sum(count)::bigint AS count,
       (array_agg(description ORDER BY last_seen_at DESC))[1] AS description, max(last_seen_at) AS last_seen_at,
       (array_agg(samples::text ORDER BY last_seen_at DESC))[1] AS samples
FROM event_violations
WHERE workspace_id = $1 AND source_id = ANY($2::text[]) AND hour >= $3
GROUP BY source_id, event_type, event_name, version, violation_type, field;

-- plan_violations_since --
-- Violation counts since $3 of the sources $2 of workspace $1 together, per event, rule version, type and field.
-- The latest description is the greatest (instant, description) text: an aggregate that needs no sort (a plan's
-- week is tens of thousands of rows; sorting them by text costs more than counting them).
SELECT event_type, event_name, version, violation_type, field, sum(count)::bigint AS count,
       substr(max(to_char(last_seen_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS') || description COLLATE "C"), 21)
           AS description,
       max(last_seen_at) AS last_seen_at
FROM event_violations
WHERE workspace_id = $1 AND source_id = ANY($2::text[]) AND hour >= $3
GROUP BY event_type, event_name, version, violation_type, field;

-- workspace_violations_since --
-- Every violation count of workspace $1 since $2, per source, event, field and type.
SELECT v.source_id, s.slug AS source_slug, s.name AS source_name, v.event_type, v.event_name, v.violation_type,
       v.field, sum(v.count)::bigint AS count, max(v.last_seen_at) AS last_seen_at
FROM event_violations v
JOIN sources s ON s.workspace_id = v.workspace_id AND s.source_id = v.source_id
WHERE v.workspace_id = $1 AND v.hour >= $2
GROUP BY v.source_id, s.slug, s.name, v.event_type, v.event_name, v.violation_type, v.field;

-- deliveries_since --
-- The hourly delivery counts of source $2 since $3, oldest first.
SELECT hour, received, delivered, blocked, dropped, omitted
FROM event_deliveries WHERE workspace_id = $1 AND source_id = $2 AND hour >= $3
ORDER BY hour;

-- recent_events --
-- The debugger entries of a source, newest first.
SELECT position, entry FROM recent_events WHERE workspace_id = $1 AND source_id = $2
ORDER BY position DESC LIMIT 100;
