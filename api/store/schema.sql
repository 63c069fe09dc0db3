-- The schema the migrations in api/migrations produce (`make schema` writes it; a test compares).

CREATE TABLE changelog (
    workspace_id text NOT NULL,
    plan_id text NOT NULL,
    entry_id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    at timestamp with time zone NOT NULL DEFAULT now(),
    token_id text NOT NULL,
    token_name text NOT NULL,
    action text NOT NULL,
    rule text,
    before text,
    after text
);

CREATE TABLE event_deliveries (
    workspace_id text NOT NULL,
    source_id text NOT NULL,
    hour timestamp with time zone NOT NULL,
    received bigint NOT NULL,
    delivered bigint NOT NULL,
    blocked bigint NOT NULL,
    dropped bigint NOT NULL,
    omitted bigint NOT NULL
);

CREATE TABLE event_message_ids (
    workspace_id text NOT NULL,
    source_id text NOT NULL,
    message_id text NOT NULL,
    seen_at timestamp with time zone NOT NULL
);

CREATE TABLE event_violations (
    workspace_id text NOT NULL,
    source_id text NOT NULL,
    hour timestamp with time zone NOT NULL,
    event_type text NOT NULL,
    event_name text NOT NULL,
    version integer NOT NULL,
    violation_type text NOT NULL,
    field text NOT NULL,
    count bigint NOT NULL,
    description text NOT NULL,
    last_seen_at timestamp with time zone NOT NULL,
    samples jsonb NOT NULL
);

CREATE TABLE idempotency_keys (
    workspace_id text NOT NULL,
    operation text NOT NULL,
    key text NOT NULL,
    request_hash bytea NOT NULL,
    response bytea NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now()
);

CREATE TABLE observed_drops (
    workspace_id text NOT NULL,
    source_id text NOT NULL,
    day date NOT NULL,
    dropped_events bigint NOT NULL
);

CREATE TABLE observed_events (
    workspace_id text NOT NULL,
    source_id text NOT NULL,
    day date NOT NULL,
    event_type text NOT NULL,
    event_name text NOT NULL,
    count bigint NOT NULL,
    first_seen_at timestamp with time zone NOT NULL,
    last_seen_at timestamp with time zone NOT NULL,
    dropped_properties bigint NOT NULL
);

CREATE TABLE observed_properties (
    workspace_id text NOT NULL,
    source_id text NOT NULL,
    day date NOT NULL,
    event_type text NOT NULL,
    event_name text NOT NULL,
    path text NOT NULL,
    json_type text NOT NULL,
    count bigint NOT NULL,
    date_times bigint NOT NULL
);

CREATE TABLE recent_events (
    workspace_id text NOT NULL,
    source_id text NOT NULL,
    position bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    received_at timestamp with time zone NOT NULL,
    entry text NOT NULL
);

CREATE TABLE rules (
    workspace_id text NOT NULL,
    plan_id text NOT NULL,
    rule_id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    type text NOT NULL,
    key text NOT NULL,
    version integer NOT NULL,
    json_schema text,
    labels jsonb NOT NULL DEFAULT '[]'::jsonb,
    label_index text[] NOT NULL DEFAULT '{}'::text[],
    description text,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    deprecated_at timestamp with time zone
) WITH (fillfactor=70);

CREATE TABLE schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    applied_at timestamp with time zone NOT NULL DEFAULT now()
);

CREATE TABLE sources (
    workspace_id text NOT NULL,
    source_id text NOT NULL,
    slug text NOT NULL,
    name text NOT NULL,
    enabled boolean NOT NULL,
    metadata_id text NOT NULL,
    write_key text NOT NULL,
    settings text NOT NULL DEFAULT '{}'::text,
    schema_settings text NOT NULL DEFAULT '{}'::text,
    forwarding_violations_to text,
    forwarding_blocked_events_to text,
    plan_id text,
    created_at timestamp with time zone NOT NULL DEFAULT now()
);

CREATE TABLE tokens (
    workspace_id text NOT NULL,
    token_id text NOT NULL,
    name text NOT NULL,
    role text NOT NULL,
    secret_hash bytea NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now()
);

CREATE TABLE tracking_plans (
    workspace_id text NOT NULL,
    plan_id text NOT NULL,
    resource_schema_id text NOT NULL,
    name text NOT NULL,
    slug text NOT NULL,
    description text,
    type text NOT NULL,
    revision bigint NOT NULL DEFAULT 1,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    live_rule_count integer NOT NULL DEFAULT 0
);

CREATE TABLE transformation_slots (
    workspace_id text NOT NULL,
    transformation_id text NOT NULL,
    source_id text NOT NULL,
    event_digest bytea NOT NULL,
    destination text NOT NULL,
    type text NOT NULL
);

CREATE TABLE transformations (
    workspace_id text NOT NULL,
    transformation_id text NOT NULL,
    source_id text NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT now()
);

CREATE TABLE ui_keys (
    name text NOT NULL,
    key text NOT NULL
);

CREATE TABLE ui_sessions (
    workspace_id text NOT NULL,
    token_id text NOT NULL,
    session_hash bytea NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    expires_at timestamp with time zone NOT NULL
);

CREATE TABLE workspaces (
    workspace_id text NOT NULL,
    slug text NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now()
);

ALTER TABLE changelog ADD CONSTRAINT changelog_pkey PRIMARY KEY (workspace_id, plan_id, entry_id);
ALTER TABLE changelog ADD CONSTRAINT changelog_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces(workspace_id) ON DELETE CASCADE;
ALTER TABLE event_deliveries ADD CONSTRAINT event_deliveries_pkey PRIMARY KEY (workspace_id, source_id, hour);
ALTER TABLE event_message_ids ADD CONSTRAINT event_message_ids_pkey PRIMARY KEY (workspace_id, source_id, message_id);
ALTER TABLE event_violations ADD CONSTRAINT event_violations_pkey PRIMARY KEY (workspace_id, source_id, hour, event_type, event_name, version, violation_type, field);
ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_pkey PRIMARY KEY (workspace_id, operation, key);
ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces(workspace_id) ON DELETE CASCADE;
ALTER TABLE observed_drops ADD CONSTRAINT observed_drops_pkey PRIMARY KEY (workspace_id, source_id, day);
ALTER TABLE observed_events ADD CONSTRAINT observed_events_pkey PRIMARY KEY (workspace_id, source_id, event_type, event_name, day) INCLUDE (count, first_seen_at, last_seen_at, dropped_properties);
ALTER TABLE observed_properties ADD CONSTRAINT observed_properties_pkey PRIMARY KEY (workspace_id, source_id, event_type, event_name, path, json_type, day) INCLUDE (count, date_times);
ALTER TABLE recent_events ADD CONSTRAINT recent_events_pkey PRIMARY KEY (workspace_id, source_id, "position");
ALTER TABLE rules ADD CONSTRAINT rules_pkey PRIMARY KEY (workspace_id, plan_id, rule_id);
ALTER TABLE rules ADD CONSTRAINT rules_type_check CHECK ((type = ANY (ARRAY['TRACK'::text, 'IDENTIFY'::text, 'GROUP'::text, 'PAGE'::text, 'SCREEN'::text, 'COMMON'::text])));
ALTER TABLE rules ADD CONSTRAINT rules_version_check CHECK ((version >= 1));
ALTER TABLE rules ADD CONSTRAINT rules_workspace_id_plan_id_fkey FOREIGN KEY (workspace_id, plan_id) REFERENCES tracking_plans(workspace_id, plan_id) ON DELETE CASCADE;
ALTER TABLE schema_migrations ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);
ALTER TABLE sources ADD CONSTRAINT sources_pkey PRIMARY KEY (workspace_id, source_id);
ALTER TABLE sources ADD CONSTRAINT sources_workspace_id_slug_key UNIQUE (workspace_id, slug);
ALTER TABLE sources ADD CONSTRAINT sources_write_key_key UNIQUE (write_key);
ALTER TABLE sources ADD CONSTRAINT sources_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces(workspace_id) ON DELETE CASCADE;
ALTER TABLE sources ADD CONSTRAINT sources_workspace_id_forwarding_blocked_events_to_fkey FOREIGN KEY (workspace_id, forwarding_blocked_events_to) REFERENCES sources(workspace_id, source_id) ON DELETE SET NULL (forwarding_blocked_events_to);
ALTER TABLE sources ADD CONSTRAINT sources_workspace_id_forwarding_violations_to_fkey FOREIGN KEY (workspace_id, forwarding_violations_to) REFERENCES sources(workspace_id, source_id) ON DELETE SET NULL (forwarding_violations_to);
ALTER TABLE sources ADD CONSTRAINT sources_workspace_id_plan_id_fkey FOREIGN KEY (workspace_id, plan_id) REFERENCES tracking_plans(workspace_id, plan_id) ON DELETE SET NULL (plan_id);
ALTER TABLE tokens ADD CONSTRAINT tokens_pkey PRIMARY KEY (workspace_id, token_id);
ALTER TABLE tokens ADD CONSTRAINT tokens_role_check CHECK ((role = ANY (ARRAY['WORKSPACE_OWNER'::text, 'PROTOCOLS_ADMIN'::text, 'PROTOCOLS_READ_ONLY'::text])));
ALTER TABLE tokens ADD CONSTRAINT tokens_secret_hash_key UNIQUE (secret_hash);
ALTER TABLE tokens ADD CONSTRAINT tokens_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces(workspace_id) ON DELETE CASCADE;
ALTER TABLE tracking_plans ADD CONSTRAINT tracking_plans_pkey PRIMARY KEY (workspace_id, plan_id);
ALTER TABLE tracking_plans ADD CONSTRAINT tracking_plans_type_check CHECK ((type = ANY (ARRAY['LIVE'::text, 'RULE_LIBRARY'::text, 'PROPERTY_LIBRARY'::text, 'TEMPLATE'::text, 'ENGAGE'::text])));
ALTER TABLE tracking_plans ADD CONSTRAINT tracking_plans_workspace_id_resource_schema_id_key UNIQUE (workspace_id, resource_schema_id);
ALTER TABLE tracking_plans ADD CONSTRAINT tracking_plans_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces(workspace_id) ON DELETE CASCADE;
ALTER TABLE transformation_slots ADD CONSTRAINT transformation_slots_pkey PRIMARY KEY (workspace_id, source_id, event_digest, destination, type);
ALTER TABLE transformation_slots ADD CONSTRAINT transformation_slots_workspace_id_transformation_id_fkey FOREIGN KEY (workspace_id, transformation_id) REFERENCES transformations(workspace_id, transformation_id) ON DELETE CASCADE;
ALTER TABLE transformations ADD CONSTRAINT transformations_pkey PRIMARY KEY (workspace_id, transformation_id);
ALTER TABLE transformations ADD CONSTRAINT transformations_workspace_id_source_id_fkey FOREIGN KEY (workspace_id, source_id) REFERENCES sources(workspace_id, source_id) ON DELETE CASCADE;
ALTER TABLE ui_keys ADD CONSTRAINT ui_keys_pkey PRIMARY KEY (name);
ALTER TABLE ui_sessions ADD CONSTRAINT ui_sessions_pkey PRIMARY KEY (workspace_id, token_id, session_hash);
ALTER TABLE ui_sessions ADD CONSTRAINT ui_sessions_session_hash_key UNIQUE (session_hash);
ALTER TABLE ui_sessions ADD CONSTRAINT ui_sessions_workspace_id_token_id_fkey FOREIGN KEY (workspace_id, token_id) REFERENCES tokens(workspace_id, token_id) ON DELETE CASCADE;
ALTER TABLE workspaces ADD CONSTRAINT workspaces_pkey PRIMARY KEY (workspace_id);
ALTER TABLE workspaces ADD CONSTRAINT workspaces_slug_key UNIQUE (slug);

CREATE INDEX event_deliveries_by_age ON public.event_deliveries USING btree (hour);
CREATE INDEX event_message_ids_by_age ON public.event_message_ids USING btree (seen_at);
CREATE INDEX event_violations_by_age ON public.event_violations USING btree (hour);
CREATE INDEX event_violations_by_workspace_hour ON public.event_violations USING btree (workspace_id, hour);
CREATE INDEX observed_events_by_age ON public.observed_events USING btree (day);
CREATE INDEX observed_properties_by_age ON public.observed_properties USING btree (day);
CREATE INDEX rules_by_label ON public.rules USING gin (label_index) WHERE (label_index <> '{}'::text[]);
CREATE UNIQUE INDEX rules_live_identity ON public.rules USING btree (workspace_id, plan_id, type, key, version) WHERE (deprecated_at IS NULL);
CREATE INDEX sources_by_plan ON public.sources USING btree (workspace_id, plan_id, created_at, source_id) WHERE (plan_id IS NOT NULL);
CREATE INDEX sources_by_position ON public.sources USING btree (workspace_id, created_at, source_id);
CREATE INDEX tracking_plans_by_position ON public.tracking_plans USING btree (workspace_id, created_at, plan_id);
CREATE INDEX transformation_slots_by_transformation ON public.transformation_slots USING btree (workspace_id, transformation_id);
CREATE INDEX transformations_by_position ON public.transformations USING btree (workspace_id, created_at, transformation_id);
CREATE INDEX transformations_by_source ON public.transformations USING btree (workspace_id, source_id, created_at, transformation_id);
CREATE INDEX ui_sessions_by_expiry ON public.ui_sessions USING btree (expires_at);
