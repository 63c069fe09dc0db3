-- What arrives through the HTTP Tracking API, kept per source: message ids seen (24 hours, for
-- de-duplication), hourly delivery and violation counts (30 days by default) and the last 100 events.
-- Workers aggregate in memory and write these in batches (api/services/aggregates.py); no foreign keys,
-- so that a flush never fails on a source deleted meanwhile: the writes skip sources that are gone and
-- the retention sweep removes what is left of them.

CREATE TABLE event_message_ids (
    workspace_id text NOT NULL,
    source_id text NOT NULL,
    message_id text NOT NULL,
    seen_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, source_id, message_id)
);

CREATE INDEX event_message_ids_by_age ON event_message_ids (seen_at);

CREATE TABLE event_deliveries (
    workspace_id text NOT NULL,
    source_id text NOT NULL,
    hour timestamptz NOT NULL,
    received bigint NOT NULL,
    delivered bigint NOT NULL,
    blocked bigint NOT NULL,
    dropped bigint NOT NULL,
    -- delivered events that lost properties or traits (unplanned, or on violation)
    omitted bigint NOT NULL,
    PRIMARY KEY (workspace_id, source_id, hour)
);

CREATE INDEX event_deliveries_by_age ON event_deliveries (hour);

CREATE TABLE event_violations (
    workspace_id text NOT NULL,
    source_id text NOT NULL,
    hour timestamptz NOT NULL,
    event_type text NOT NULL,
    -- '' for calls without a name (identify, group, alias, unnamed page and screen calls)
    event_name text NOT NULL,
    -- the version of the rule the event was checked against (its own rule, else the COMMON rule's)
    version integer NOT NULL,
    violation_type text NOT NULL,
    field text NOT NULL,
    count bigint NOT NULL,
    description text NOT NULL,
    last_seen_at timestamptz NOT NULL,
    -- the last 5 offending events, newest first (a JSON array)
    samples jsonb NOT NULL,
    PRIMARY KEY (workspace_id, source_id, hour, event_type, event_name, version, violation_type, field)
);

CREATE INDEX event_violations_by_workspace_hour ON event_violations (workspace_id, hour);
CREATE INDEX event_violations_by_age ON event_violations (hour);

CREATE TABLE recent_events (
    workspace_id text NOT NULL,
    source_id text NOT NULL,
    position bigint GENERATED ALWAYS AS IDENTITY,
    received_at timestamptz NOT NULL,
    -- {receivedAt, outcome, event, ...} as the debugger answers it (JSON text)
    entry text NOT NULL,
    PRIMARY KEY (workspace_id, source_id, position)
);
