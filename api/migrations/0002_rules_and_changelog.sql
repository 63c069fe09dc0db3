-- Rules of tracking plans, with removed versions kept as history, and the changelog.

CREATE TABLE rules (
    workspace_id text NOT NULL,
    plan_id text NOT NULL,
    rule_id bigint GENERATED ALWAYS AS IDENTITY,
    type text NOT NULL CHECK (type IN ('TRACK', 'IDENTIFY', 'GROUP', 'PAGE', 'SCREEN', 'COMMON')),
    -- '' for the types without keys, so that the identity (type, key, version) is unique
    key text NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    -- the JSON text as sent: jsonb would reorder keys, and sync jobs compare what they read back
    json_schema text,
    labels jsonb NOT NULL DEFAULT '[]',
    -- every `key:value` label, its own and those inside the schema, for filtering
    label_index text[] NOT NULL DEFAULT '{}',
    description text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deprecated_at timestamptz,
    PRIMARY KEY (workspace_id, plan_id, rule_id),
    FOREIGN KEY (workspace_id, plan_id) REFERENCES tracking_plans ON DELETE CASCADE
)
-- room on each page, so that rewriting a rule in place is a HOT update that touches no index
WITH (fillfactor = 70);

CREATE UNIQUE INDEX rules_live_identity ON rules (workspace_id, plan_id, type, key, version)
    WHERE deprecated_at IS NULL;
CREATE INDEX rules_by_label ON rules USING gin (label_index) WHERE label_index <> '{}';

CREATE TABLE changelog (
    workspace_id text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    -- no foreign key: the record outlives a deleted plan
    plan_id text NOT NULL,
    entry_id bigint GENERATED ALWAYS AS IDENTITY,
    at timestamptz NOT NULL DEFAULT now(),
    token_id text NOT NULL,
    token_name text NOT NULL,
    action text NOT NULL,
    -- the rule's identity {type, key?, version}, or null for changes to the plan itself
    rule text,
    before text,
    after text,
    PRIMARY KEY (workspace_id, plan_id, entry_id)
);

-- kept by every rules write, so that listing a plan's live rules needs no count(*) per page
ALTER TABLE tracking_plans ADD COLUMN live_rule_count integer NOT NULL DEFAULT 0;
