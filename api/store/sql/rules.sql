-- get_live_rules --
-- The live rules of a plan with these identities (parallel arrays), one index lookup each.
SELECT r.rule_id AS row_id, r.type, NULLIF(r.key, '') AS key, r.version, r.json_schema AS schema_text, r.labels,
       r.description
FROM unnest(%(types)s::text[], %(keys)s::text[], %(versions)s::int[]) AS wanted(type, key, version)
CROSS JOIN LATERAL (
    SELECT * FROM rules
    WHERE rules.workspace_id = %(workspace_id)s AND rules.plan_id = %(plan_id)s AND rules.deprecated_at IS NULL
      AND rules.type = wanted.type AND rules.key = wanted.key AND rules.version = wanted.version
    -- at most one matches anyway; the LIMIT keeps the planner from flattening this into a join that,
    -- on a table it has no statistics for yet, compares every wanted identity with every rule
    LIMIT 1
) AS r;

-- get_live_rules_of_plans --
-- Every live rule of the plans plan_ids, in creation order.
SELECT plan_id, rule_id AS row_id, type, NULLIF(key, '') AS key, version, json_schema AS schema_text, labels,
       description
FROM rules WHERE workspace_id = %(workspace_id)s AND plan_id = ANY(%(plan_ids)s::text[]) AND deprecated_at IS NULL
ORDER BY rule_id;

-- get_rule_summaries --
-- Every live rule of a plan without its schema: identity and every label (its own and its schema's), in creation
-- order.
SELECT type, NULLIF(key, '') AS key, version, label_index AS labels
FROM rules WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s AND deprecated_at IS NULL
ORDER BY rule_id;

-- insert_rules --
-- Create live rules from parallel arrays; label indexes arrive as JSON arrays of strings.
INSERT INTO rules (workspace_id, plan_id, type, key, version, json_schema, labels, label_index, description)
SELECT %(workspace_id)s, %(plan_id)s, r.type, r.key, r.version, r.json_schema, r.labels,
       ARRAY(SELECT jsonb_array_elements_text(r.label_index)), r.description
FROM unnest(
    %(types)s::text[], %(keys)s::text[], %(versions)s::int[], %(json_schemas)s::text[], %(labels)s::jsonb[],
    %(label_indexes)s::jsonb[], %(descriptions)s::text[]
) AS r(type, key, version, json_schema, labels, label_index, description);

-- update_rules --
-- Rewrite live rules in place by id (a rename changes the key).
UPDATE rules SET
    key = u.key, json_schema = u.json_schema, labels = u.labels,
    label_index = ARRAY(SELECT jsonb_array_elements_text(u.label_index)), description = u.description,
    updated_at = now()
FROM unnest(
    %(row_ids)s::bigint[], %(keys)s::text[], %(json_schemas)s::text[], %(labels)s::jsonb[],
    %(label_indexes)s::jsonb[], %(descriptions)s::text[]
) AS u(rule_id, key, json_schema, labels, label_index, description)
WHERE rules.workspace_id = %(workspace_id)s AND rules.plan_id = %(plan_id)s AND rules.rule_id = u.rule_id;

-- deprecate_rules --
-- Remove live rules by id, keeping them as history.
UPDATE rules SET deprecated_at = now()
WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s AND rule_id = ANY(%(row_ids)s::bigint[]);

-- count_rules --
-- How many rules of a plan pass the filters (type, key, label, include_deprecated; each null passes all).
SELECT count(*) FROM rules
WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s
  AND (%(type)s::text IS NULL OR type = %(type)s) AND (%(key)s::text IS NULL OR key = %(key)s)
  AND (%(label)s::text IS NULL OR (label_index <> '{}' AND label_index @> ARRAY[%(label)s::text]))
  AND (%(include_deprecated)s::boolean OR deprecated_at IS NULL);

-- list_rules_after --
-- Up to row_limit rules passing the filters after rule row_id (from the start when null), in creation order.
SELECT rule_id AS row_id, type, NULLIF(key, '') AS key, version, json_schema, labels, description,
       created_at, updated_at, deprecated_at
FROM rules
WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s
  AND (%(type)s::text IS NULL OR type = %(type)s) AND (%(key)s::text IS NULL OR key = %(key)s)
  AND (%(label)s::text IS NULL OR (label_index <> '{}' AND label_index @> ARRAY[%(label)s::text]))
  AND (%(include_deprecated)s::boolean OR deprecated_at IS NULL)
  -- COALESCE rather than OR keeps this a condition of the index scan, so a page costs the same anywhere
  AND rule_id > COALESCE(%(row_id)s::bigint, 0)
ORDER BY rule_id
LIMIT %(row_limit)s;

-- list_rules_before --
-- Up to row_limit rules passing the filters before rule row_id, newest first (the caller reverses them).
SELECT rule_id AS row_id, type, NULLIF(key, '') AS key, version, json_schema, labels, description,
       created_at, updated_at, deprecated_at
FROM rules
WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s
  AND (%(type)s::text IS NULL OR type = %(type)s) AND (%(key)s::text IS NULL OR key = %(key)s)
  AND (%(label)s::text IS NULL OR (label_index <> '{}' AND label_index @> ARRAY[%(label)s::text]))
  AND (%(include_deprecated)s::boolean OR deprecated_at IS NULL)
  AND rule_id < %(row_id)s
ORDER BY rule_id DESC
LIMIT %(row_limit)s;
