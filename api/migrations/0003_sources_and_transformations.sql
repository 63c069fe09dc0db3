-- Sources with their schema settings and plan, and the transformations of each source.

CREATE TABLE sources (
    workspace_id text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    source_id text NOT NULL,
    slug text NOT NULL,
    name text NOT NULL,
    enabled boolean NOT NULL,
    metadata_id text NOT NULL,
    -- write keys name a source without its workspace, so they are unique everywhere
    write_key text NOT NULL UNIQUE,
    -- the source's own settings object, as sent
    settings text NOT NULL DEFAULT '{}',
    -- {track, identify, group}: what happens to unplanned events and violations
    schema_settings text NOT NULL DEFAULT '{}',
    forwarding_violations_to text,
    forwarding_blocked_events_to text,
    -- at most one plan per source; a plan has many sources
    plan_id text,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, source_id),
    UNIQUE (workspace_id, slug),
    -- a deleted plan leaves its sources unconnected (the SET NULL column list needs PostgreSQL 15)
    FOREIGN KEY (workspace_id, plan_id) REFERENCES tracking_plans ON DELETE SET NULL (plan_id),
    FOREIGN KEY (workspace_id, forwarding_violations_to) REFERENCES sources
        ON DELETE SET NULL (forwarding_violations_to),
    FOREIGN KEY (workspace_id, forwarding_blocked_events_to) REFERENCES sources
        ON DELETE SET NULL (forwarding_blocked_events_to)
);

CREATE INDEX sources_by_position ON sources (workspace_id, created_at, source_id);
CREATE INDEX sources_by_plan ON sources (workspace_id, plan_id, created_at, source_id) WHERE plan_id IS NOT NULL;

CREATE TABLE transformations (
    workspace_id text NOT NULL,
    transformation_id text NOT NULL,
    source_id text NOT NULL,
    -- the transformation as the API shows it, without its id (JSON text)
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, transformation_id),
    FOREIGN KEY (workspace_id, source_id) REFERENCES sources ON DELETE CASCADE
);

CREATE INDEX transformations_by_position ON transformations (workspace_id, created_at, transformation_id);
CREATE INDEX transformations_by_source ON transformations (workspace_id, source_id, created_at, transformation_id);

-- One row per kind of action a transformation carries: the unique index is the rule that a
-- (source, event, destination, type) has at most one transformation, and it holds under concurrency.
CREATE TABLE transformation_slots (
    workspace_id text NOT NULL,
    transformation_id text NOT NULL,
    source_id text NOT NULL,
    -- the event the condition pins, or its normalised condition, hashed to keep the index small
    event_digest bytea NOT NULL,
    -- '' for a source-scoped transformation (every destination)
    destination text NOT NULL,
    type text NOT NULL,
    PRIMARY KEY (workspace_id, source_id, event_digest, destination, type),
    FOREIGN KEY (workspace_id, transformation_id) REFERENCES transformations ON DELETE CASCADE
);

CREATE INDEX transformation_slots_by_transformation ON transformation_slots (workspace_id, transformation_id);
