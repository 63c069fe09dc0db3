-- insert_changes --
-- Record changes to a plan made by one token, from parallel arrays.
INSERT INTO changelog (workspace_id, plan_id, token_id, token_name, action, rule, before, after)
SELECT $1, $2, $3, $4, c.action, c.rule, c.before, c.after
FROM unnest($5::text[], $6::text[], $7::text[], $8::text[]) AS c(action, rule, before, after);

-- count_changes --
-- How many changes a plan has recorded.
SELECT count(*) FROM changelog WHERE workspace_id = $1 AND plan_id = $2;

-- list_changes_after --
-- Up to $4 changes older than entry $3 (from the newest when null), newest first.
SELECT entry_id, at, token_id, token_name, action, rule, before, after
FROM changelog
WHERE workspace_id = $1 AND plan_id = $2 AND entry_id < COALESCE($3::bigint, 9223372036854775807)
ORDER BY entry_id DESC
LIMIT $4;

-- list_changes_before --
-- Up to $4 changes newer than entry $3, oldest first (the caller reverses them).
SELECT entry_id, at, token_id, token_name, action, rule, before, after
FROM changelog
WHERE workspace_id = $1 AND plan_id = $2 AND entry_id > $3
ORDER BY entry_id
LIMIT $4;
