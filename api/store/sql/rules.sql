-- get_live_rules --
-- The live rules of a plan with these identities ($3 types, $4 keys, $5 versions), one index lookup each.
SELECT r.rule_id, r.type, r.key, r.version, r.json_schema, r.labels, r.description,
       r.created_at, r.updated_at, r.deprecated_at
FROM unnest($3::text[], $4::text[], $5::int[]) AS wanted(type, key, version)
CROSS JOIN LATERAL (
    SELECT * FROM rules
    WHERE rules.workspace_id = $1 AND rules.plan_id = $2 AND rules.deprecated_at IS NULL
      AND rules.type = wanted.type AND rules.key = wanted.key AND rules.version = wanted.version
    -- at most one matches anyway; the LIMIT keeps the planner from flattening this into a join that,
    -- on a table it has no statistics for yet, compares every wanted identity with every rule
    LIMIT 1
) AS r;

-- get_all_live_rules --
-- Every live rule of a plan, in creation order.
SELECT rule_id, type, key, version, json_schema, labels, description, created_at, updated_at, deprecated_at
FROM rules WHERE workspace_id = $1 AND plan_id = $2 AND deprecated_at IS NULL
ORDER BY rule_id;

-- get_live_rules_of_plans --
-- Every live rule of the plans $2, in creation order.
SELECT plan_id, rule_id, type, key, version, json_schema, labels, description
FROM rules WHERE workspace_id = $1 AND plan_id = ANY($2::text[]) AND deprecated_at IS NULL
ORDER BY rule_id;

-- insert_rules --
-- Create live rules from parallel arrays; label indexes arrive as JSON arrays of strings.
INSERT INTO rules (workspace_id, plan_id, type, key, version, json_schema, labels, label_index, description)
SELECT $1, $2, r.type, r.key, r.version, r.json_schema, r.labels,
       ARRAY(SELECT jsonb_array_elements_text(r.label_index)), r.description
FROM unnest($3::text[], $4::text[], $5::int[], $6::text[], $7::jsonb[], $8::jsonb[], $9::text[])
    AS r(type, key, version, json_schema, labels, label_index, description);

-- update_rules --
-- Rewrite live rules in place by id (a rename changes the key).
UPDATE rules SET
    key = u.key, json_schema = u.json_schema, labels = u.labels,
    label_index = ARRAY(SELECT jsonb_array_elements_text(u.label_index)), description = u.description,
    updated_at = now()
FROM unnest($3::bigint[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::text[])
    AS u(rule_id, key, json_schema, labels, label_index, description)
WHERE rules.workspace_id = $1 AND rules.plan_id = $2 AND rules.rule_id = u.rule_id;

-- deprecate_rules --
-- Remove live rules by id, keeping them as history.
UPDATE rules SET deprecated_at = now()
WHERE workspace_id = $1 AND plan_id = $2 AND rule_id = ANY($3::bigint[]);

-- count_rules --
-- How many rules of a plan pass the filters ($3 type, $4 key, $5 label, $6 include deprecated).
SELECT count(*) FROM rules
WHERE workspace_id = $1 AND plan_id = $2
  AND ($3::text IS NULL OR type = $3) AND ($4::text IS NULL OR key = $4)
  AND ($5::text IS NULL OR (label_index <> '{}' AND label_index @> ARRAY[$5::text])) AND ($6::boolean OR deprecated_at IS NULL);

-- list_rules_after --
-- Up to $8 rules passing the filters after rule id $7 (from the start when null), in creation order.
SELECT rule_id, type, key, version, json_schema, labels, description, created_at, updated_at, deprecated_at
FROM rules
WHERE workspace_id = $1 AND plan_id = $2
  AND ($3::text IS NULL OR type = $3) AND ($4::text IS NULL OR key = $4)
  AND ($5::text IS NULL OR (label_index <> '{}' AND label_index @> ARRAY[$5::text])) AND ($6::boolean OR deprecated_at IS NULL)
  -- COALESCE rather than OR keeps this a condition of the index scan, so a page costs the same anywhere
  AND rule_id > COALESCE($7::bigint, 0)
ORDER BY rule_id
LIMIT $8;

-- list_rules_before --
-- Up to $8 rules passing the filters before rule id $7, newest first (the caller reverses them).
SELECT rule_id, type, key, version, json_schema, labels, description, created_at, updated_at, deprecated_at
FROM rules
WHERE workspace_id = $1 AND plan_id = $2
  AND ($3::text IS NULL OR type = $3) AND ($4::text IS NULL OR key = $4)
  AND ($5::text IS NULL OR (label_index <> '{}' AND label_index @> ARRAY[$5::text])) AND ($6::boolean OR deprecated_at IS NULL)
  AND rule_id < $7
ORDER BY rule_id DESC
LIMIT $8;
