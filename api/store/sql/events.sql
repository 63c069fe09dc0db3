-- source_by_write_key --
-- The source a write key names, with its schema settings and the plan it is connected to (revision, rs id, name).
SELECT s.workspace_id, s.source_id, s.slug, s.name, s.enabled, s.schema_settings, s.forwarding_violations_to,
       s.forwarding_blocked_events_to, s.plan_id, p.revision AS plan_revision, p.resource_schema_id, p.name AS plan_name
FROM sources s
LEFT JOIN tracking_plans p ON p.workspace_id = s.workspace_id AND p.plan_id = s.plan_id
WHERE s.write_key = %(write_key)s;

-- claim_message_ids --
-- Record the message ids (workspace_ids, source_ids, message_ids, seen_at) not seen in the 24 hours before; answers
-- those that are new (the others are duplicates, counted once already).
INSERT INTO event_message_ids (workspace_id, source_id, message_id, seen_at)
SELECT * FROM unnest(%(workspace_ids)s::text[], %(source_ids)s::text[], %(message_ids)s::text[], %(seen_at)s::timestamptz[])
ON CONFLICT (workspace_id, source_id, message_id) DO UPDATE SET seen_at = EXCLUDED.seen_at
WHERE event_message_ids.seen_at < EXCLUDED.seen_at - interval '24 hours'
RETURNING workspace_id, source_id, message_id;

-- add_deliveries --
-- Add hourly delivery counts (received ... omitted) of sources that still exist, one element per (source, hour).
INSERT INTO event_deliveries (workspace_id, source_id, hour, received, delivered, blocked, dropped, omitted)
SELECT c.* FROM unnest(%(workspace_ids)s::text[], %(source_ids)s::text[], %(hours)s::timestamptz[], %(received)s::bigint[], %(delivered)s::bigint[], %(blocked)s::bigint[],
                       %(dropped)s::bigint[], %(omitted)s::bigint[]) AS c(workspace_id, source_id, hour, received, delivered, blocked,
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
FROM unnest(%(workspace_ids)s::text[], %(source_ids)s::text[], %(hours)s::timestamptz[], %(event_types)s::text[], %(event_names)s::text[], %(versions)s::int[], %(violation_types)s::text[],
                       %(fields)s::text[], %(counts)s::bigint[], %(descriptions)s::text[], %(last_seen_at)s::timestamptz[], %(samples)s::text[])
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
-- Append debugger entries (entries, JSON text) of sources that still exist, in order.
INSERT INTO recent_events (workspace_id, source_id, received_at, entry)
SELECT c.workspace_id, c.source_id, c.received_at, c.entry
FROM unnest(%(workspace_ids)s::text[], %(source_ids)s::text[], %(received_at)s::timestamptz[], %(entries)s::text[]) WITH ORDINALITY
    AS c(workspace_id, source_id, received_at, entry, n)
JOIN sources s ON s.workspace_id = c.workspace_id AND s.source_id = c.source_id
ORDER BY c.n;

-- trim_recent_events --
-- Keep the newest 100 debugger entries of each of these sources.
DELETE FROM recent_events r
USING unnest(%(workspace_ids)s::text[], %(source_ids)s::text[]) AS t(workspace_id, source_id)
WHERE r.workspace_id = t.workspace_id AND r.source_id = t.source_id
  AND r.position < (SELECT k.position FROM recent_events k
                    WHERE k.workspace_id = t.workspace_id AND k.source_id = t.source_id
                    ORDER BY k.position DESC OFFSET 99 LIMIT 1);

-- expire_message_ids --
-- Forget message ids seen before `before` (24 hours ago).
DELETE FROM event_message_ids WHERE seen_at < %(before)s;

-- expire_deliveries --
-- Remove delivery counts of hours before `before` (the retention).
DELETE FROM event_deliveries WHERE hour < %(before)s;

-- expire_violations --
-- Remove violation counts of hours before `before` (the retention).
DELETE FROM event_violations WHERE hour < %(before)s;

-- expire_recent_events --
-- Remove debugger entries of sources that are gone, and entries older than `before` (the retention).
DELETE FROM recent_events r
WHERE r.received_at < %(before)s
   OR NOT EXISTS (SELECT 1 FROM sources s WHERE s.workspace_id = r.workspace_id AND s.source_id = r.source_id);

-- violations_since --
-- Violation counts of these sources since `since`, per source, event, rule version, type and field.
SELECT source_id, event_type, event_name, version, violation_type, field, sum(count)::bigint AS count,
       (array_agg(description ORDER BY last_seen_at DESC))[1] AS description, max(last_seen_at) AS last_seen_at,
       (array_agg(samples::text ORDER BY last_seen_at DESC))[1] AS samples
FROM event_violations
WHERE workspace_id = %(workspace_id)s AND source_id = ANY(%(source_ids)s::text[]) AND hour >= %(since)s
GROUP BY source_id, event_type, event_name, version, violation_type, field;

-- plan_violations_since --
-- Violation counts of these sources together since `since`, per event, rule version, type and field.
-- The latest description is the greatest (instant, description) text: an aggregate that needs no sort (a plan's
-- week is tens of thousands of rows; sorting them by text costs more than counting them).
SELECT event_type, event_name, version, violation_type, field, sum(count)::bigint AS count,
       substr(max(to_char(last_seen_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS') || description COLLATE "C"), 21)
           AS description,
       max(last_seen_at) AS last_seen_at
FROM event_violations
WHERE workspace_id = %(workspace_id)s AND source_id = ANY(%(source_ids)s::text[]) AND hour >= %(since)s
GROUP BY event_type, event_name, version, violation_type, field;

-- workspace_violations_since --
-- Every violation count of the workspace since `since`, per source, event, field and type.
SELECT v.source_id, s.slug AS source_slug, s.name AS source_name, v.event_type, v.event_name, v.violation_type,
       v.field, sum(v.count)::bigint AS count, max(v.last_seen_at) AS last_seen_at
FROM event_violations v
JOIN sources s ON s.workspace_id = v.workspace_id AND s.source_id = v.source_id
WHERE v.workspace_id = %(workspace_id)s AND v.hour >= %(since)s
GROUP BY v.source_id, s.slug, s.name, v.event_type, v.event_name, v.violation_type, v.field;

-- deliveries_since --
-- The hourly delivery counts of a source since `since`, oldest first.
SELECT hour, received, delivered, blocked, dropped, omitted
FROM event_deliveries WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s AND hour >= %(since)s
ORDER BY hour;

-- recent_events --
-- The debugger entries of a source, newest first.
SELECT position, entry FROM recent_events WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s
ORDER BY position DESC LIMIT 100;

-- add_observed_events --
-- Add daily observed event counts of sources that still exist, one element per (source, day, type, name).
INSERT INTO observed_events (workspace_id, source_id, day, event_type, event_name, count, first_seen_at, last_seen_at,
                             dropped_properties)
SELECT c.* FROM unnest(%(workspace_ids)s::text[], %(source_ids)s::text[], %(days)s::date[], %(event_types)s::text[], %(event_names)s::text[], %(counts)s::bigint[],
                       %(first_seen_at)s::timestamptz[], %(last_seen_at)s::timestamptz[], %(dropped_properties)s::bigint[])
    AS c(workspace_id, source_id, day, event_type, event_name, count, first_seen_at, last_seen_at, dropped_properties)
JOIN sources s ON s.workspace_id = c.workspace_id AND s.source_id = c.source_id
ON CONFLICT (workspace_id, source_id, event_type, event_name, day) DO UPDATE SET
    count = observed_events.count + EXCLUDED.count,
    first_seen_at = least(observed_events.first_seen_at, EXCLUDED.first_seen_at),
    last_seen_at = greatest(observed_events.last_seen_at, EXCLUDED.last_seen_at),
    dropped_properties = observed_events.dropped_properties + EXCLUDED.dropped_properties;

-- add_observed_properties --
-- Add daily observed (path, JSON type) counts of sources that still exist.
INSERT INTO observed_properties (workspace_id, source_id, day, event_type, event_name, path, json_type, count,
                                 date_times)
SELECT c.* FROM unnest(%(workspace_ids)s::text[], %(source_ids)s::text[], %(days)s::date[], %(event_types)s::text[], %(event_names)s::text[], %(paths)s::text[],
                       %(json_types)s::text[], %(counts)s::bigint[], %(date_times)s::bigint[])
    AS c(workspace_id, source_id, day, event_type, event_name, path, json_type, count, date_times)
JOIN sources s ON s.workspace_id = c.workspace_id AND s.source_id = c.source_id
ON CONFLICT (workspace_id, source_id, event_type, event_name, path, json_type, day) DO UPDATE SET
    count = observed_properties.count + EXCLUDED.count,
    date_times = observed_properties.date_times + EXCLUDED.date_times;

-- add_observed_drops --
-- Add daily counts of events not observed, of sources that still exist.
INSERT INTO observed_drops (workspace_id, source_id, day, dropped_events)
SELECT c.* FROM unnest(%(workspace_ids)s::text[], %(source_ids)s::text[], %(days)s::date[], %(dropped_events)s::bigint[])
    AS c(workspace_id, source_id, day, dropped_events)
JOIN sources s ON s.workspace_id = c.workspace_id AND s.source_id = c.source_id
ON CONFLICT (workspace_id, source_id, day) DO UPDATE SET
    dropped_events = observed_drops.dropped_events + EXCLUDED.dropped_events;

-- expire_observed_events --
-- Remove observed event counts of days before `before` (the retention).
DELETE FROM observed_events WHERE day < %(before)s;

-- expire_observed_properties --
-- Remove observed property counts of days before `before` (the retention).
DELETE FROM observed_properties WHERE day < %(before)s;

-- expire_observed_drops --
-- Remove counts of events not observed of days before `before` (the retention).
DELETE FROM observed_drops WHERE day < %(before)s;

-- observed_events_since --
-- The events a source sent since the day `since`, by type then name. No optional filters here: with them a cached
-- generic plan expects a few rows and sorts the window's every row by name before grouping (3x the hash).
SELECT event_type, event_name, sum(count)::bigint AS count, min(first_seen_at) AS first_seen_at,
       max(last_seen_at) AS last_seen_at, sum(dropped_properties)::bigint AS dropped_properties
FROM observed_events
WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s AND day >= %(since)s
GROUP BY event_type, event_name
ORDER BY event_type, event_name;

-- observed_events_named_since --
-- The events of one name a source sent since the day `since` (of one type, when given), by type.
SELECT event_type, event_name, sum(count)::bigint AS count, min(first_seen_at) AS first_seen_at,
       max(last_seen_at) AS last_seen_at, sum(dropped_properties)::bigint AS dropped_properties
FROM observed_events
WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s AND day >= %(since)s
  AND (%(event_type)s::text IS NULL OR event_type = %(event_type)s) AND event_name = %(event_name)s
GROUP BY event_type, event_name
ORDER BY event_type;

-- observed_properties_since --
-- The (path, JSON type) counts of these events (event_types, event_names) of a source since the day `since`, by
-- event (in the order given), path and type. One index range scan per event (the lateral join), summing as it
-- scans: a plan that holds whatever the statistics say, a cached generic one too.
SELECT e.event_type, e.event_name, p.path, p.json_type, p.count, p.date_times
FROM unnest(%(event_types)s::text[], %(event_names)s::text[]) WITH ORDINALITY AS e(event_type, event_name, n)
CROSS JOIN LATERAL (
    SELECT path, json_type, sum(count)::bigint AS count, sum(date_times)::bigint AS date_times
    FROM observed_properties
    WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s AND event_type = e.event_type
      AND event_name = e.event_name AND day >= %(since)s
    GROUP BY path, json_type
) p
ORDER BY e.n, p.path, p.json_type;

-- observed_drops_since --
-- Events a source sent since the day `since` that were not observed.
SELECT coalesce(sum(dropped_events), 0)::bigint FROM observed_drops
WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s AND day >= %(since)s;

-- event_violation_counts_since --
-- A source's violation counts since `since`, per event (type, name), every rule version together.
SELECT event_type, event_name, sum(count)::bigint AS count
FROM event_violations
WHERE workspace_id = %(workspace_id)s AND source_id = %(source_id)s AND hour >= %(since)s
GROUP BY event_type, event_name;

-- plan_violation_hours --
-- Violation counts of these sources together since `since`, per event and hour, oldest hour first.
SELECT event_type, event_name, hour, sum(count)::bigint AS count
FROM event_violations
WHERE workspace_id = %(workspace_id)s AND source_id = ANY(%(source_ids)s::text[]) AND hour >= %(since)s
GROUP BY event_type, event_name, hour
ORDER BY hour;
