-- The observed schema's reads (api/store/sql/events.sql: observed_events_since, observed_properties_since) sum a
-- window's daily rows along the primary keys; carrying the summed columns in the keys makes those index-only scans
-- of the days whose pages are all visible (every day but today, once vacuumed), instead of a heap fetch per row.
-- A count added to a row now writes new index entries too (no HOT update), in the flush, once a second per row
-- touched; the ingestion case of tests/bench/observed.py shows no change beyond its noise.

ALTER TABLE observed_events
    DROP CONSTRAINT observed_events_pkey,
    ADD PRIMARY KEY (workspace_id, source_id, event_type, event_name, day)
        INCLUDE (count, first_seen_at, last_seen_at, dropped_properties);

ALTER TABLE observed_properties
    DROP CONSTRAINT observed_properties_pkey,
    ADD PRIMARY KEY (workspace_id, source_id, event_type, event_name, path, json_type, day) INCLUDE (count, date_times);
