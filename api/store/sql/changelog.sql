-- insert_changes --
-- Record changes to a plan made by one token, from parallel arrays.
INSERT INTO changelog (workspace_id, plan_id, token_id, token_name, action, rule, before, after)
SELECT %(workspace_id)s, %(plan_id)s, %(token_id)s, %(token_name)s, c.action, c.rule, c.before, c.after
FROM unnest(%(actions)s::text[], %(rules)s::text[], %(befores)s::text[], %(afters)s::text[])
    AS c(action, rule, before, after);

-- count_changes --
-- How many changes a plan has recorded.
SELECT count(*) FROM changelog WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s;

-- list_changes_after --
-- Up to row_limit changes older than entry row_id (from the newest when null), newest first.
SELECT entry_id, at, token_id, token_name, action, rule, before, after
FROM changelog
WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s
  AND entry_id < COALESCE(%(row_id)s::bigint, 9223372036854775807)
ORDER BY entry_id DESC
LIMIT %(row_limit)s;

-- list_changes_before --
-- Up to row_limit changes newer than entry row_id, oldest first (the caller reverses them).
SELECT entry_id, at, token_id, token_name, action, rule, before, after
FROM changelog
WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s AND entry_id > %(row_id)s
ORDER BY entry_id
LIMIT %(row_limit)s;

-- list_rule_changes --
-- Every change recorded for one rule (its identity as a JSON object), newest first; a rename (`before` names the
-- rule by another key) is a change of the rule under its old identity too.
SELECT entry_id, at, token_id, token_name, action, rule, before, after
FROM changelog
WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s AND rule IS NOT NULL
  AND (rule::jsonb = %(rule)s::jsonb
    OR (before IS NOT NULL
      AND jsonb_strip_nulls(jsonb_build_object(
        'type', before::jsonb -> 'type', 'key', before::jsonb -> 'key', 'version', before::jsonb -> 'version'
      )) = %(rule)s::jsonb))
ORDER BY entry_id DESC;
