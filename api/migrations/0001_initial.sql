-- Workspaces, their tokens, tracking plans and idempotency records.
-- Every tenant table leads with workspace_id, so each query filters on it and the
-- schema can be sharded by workspace.

CREATE TABLE workspaces (
    workspace_id text PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tokens (
    workspace_id text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    token_id text NOT NULL,
    name text NOT NULL,
    role text NOT NULL CHECK (role IN ('WORKSPACE_OWNER', 'PROTOCOLS_ADMIN', 'PROTOCOLS_READ_ONLY')),
    -- sha256 of the secret; the secret itself is never stored
    secret_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, token_id)
);

CREATE TABLE tracking_plans (
    workspace_id text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    plan_id text NOT NULL,
    -- the Config API's rs_ id of the same plan
    resource_schema_id text NOT NULL,
    name text NOT NULL,
    slug text NOT NULL,
    description text,
    type text NOT NULL CHECK (type IN ('LIVE', 'RULE_LIBRARY', 'PROPERTY_LIBRARY', 'TEMPLATE', 'ENGAGE')),
    revision bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, plan_id),
    UNIQUE (workspace_id, resource_schema_id)
);

CREATE INDEX tracking_plans_by_position ON tracking_plans (workspace_id, created_at, plan_id);

CREATE TABLE idempotency_keys (
    workspace_id text NOT NULL REFERENCES workspaces ON DELETE CASCADE,
    operation text NOT NULL,
    key text NOT NULL,
    -- sha256 of the decoded request body, so a replay must carry the same body
    request_hash bytea NOT NULL,
    response bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, operation, key)
);
