-- The observed schema: what each source sent, per UTC day (30 days by default), written in batches by the
-- workers' aggregates (api/services/aggregates.py) like the counts of 0004, without foreign keys for the same
-- reason. Keys lead with the event, which is how the reads find them. Event names are '' for calls without one; paths are dotted (`properties.products[].price`).

CREATE TABLE observed_events (
    workspace_id text NOT NULL,
    source_id text NOT NULL,
    day date NOT NULL,
    event_type text NOT NULL,
    event_name text NOT NULL,
    count bigint NOT NULL,
    first_seen_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    -- values not observed: past the 300-property limit, names a path cannot spell, nesting too deep
    dropped_properties bigint NOT NULL,
    PRIMARY KEY (workspace_id, source_id, event_type, event_name, day)
);

CREATE INDEX observed_events_by_age ON observed_events (day);

CREATE TABLE observed_properties (
    workspace_id text NOT NULL,
    source_id text NOT NULL,
    day date NOT NULL,
    event_type text NOT NULL,
    event_name text NOT NULL,
    path text NOT NULL,
    -- a JSON type: null, boolean, integer, number, string, array, object
    json_type text NOT NULL,
    -- events that sent the path with this type
    count bigint NOT NULL,
    -- of those, events whose strings there were all date-times (strings only)
    date_times bigint NOT NULL,
    -- the day last: a window's rows of one (path, type) are together, so a read sums them as it scans
    PRIMARY KEY (workspace_id, source_id, event_type, event_name, path, json_type, day)
);

CREATE INDEX observed_properties_by_age ON observed_properties (day);

-- events a source sent that were not observed (past the 4,000-event limit, or a name no rule key can hold)
CREATE TABLE observed_drops (
    workspace_id text NOT NULL,
    source_id text NOT NULL,
    day date NOT NULL,
    dropped_events bigint NOT NULL,
    PRIMARY KEY (workspace_id, source_id, day)
);
