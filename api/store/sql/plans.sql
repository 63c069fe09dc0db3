-- Every query answers whole rows (`*`): the plan's columns are listed once, in the migrations.

-- insert_plan --
-- Create a plan at revision 1.
INSERT INTO tracking_plans (workspace_id, plan_id, resource_schema_id, name, slug, description, type)
VALUES (%(workspace_id)s, %(plan_id)s, %(resource_schema_id)s, %(name)s, %(slug)s, %(description)s, %(type)s)
RETURNING *;

-- get_plan --
-- One plan of a workspace.
SELECT * FROM tracking_plans WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s;

-- find_plan --
-- The plan of a workspace that %(plan_id)s names by its tp_ or its rs_ id.
SELECT * FROM tracking_plans
WHERE workspace_id = %(workspace_id)s AND (plan_id = %(plan_id)s OR resource_schema_id = %(plan_id)s);

-- lock_plan --
-- One plan of a workspace, locked until the transaction ends.
SELECT * FROM tracking_plans WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s FOR UPDATE;

-- lock_plan_by_either_id --
-- The plan of a workspace that %(plan_id)s names by its tp_ or its rs_ id, locked until the transaction ends.
SELECT * FROM tracking_plans
WHERE workspace_id = %(workspace_id)s AND (plan_id = %(plan_id)s OR resource_schema_id = %(plan_id)s)
FOR UPDATE;

-- hold_plan --
-- One plan of a workspace, kept from changing (rules writes lock it first) until the transaction ends.
SELECT * FROM tracking_plans WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s FOR SHARE;

-- count_plans --
-- How many plans of a workspace there are, of one type or (type null) of all, whose name has `name` in it
-- (case aside; null for any name).
SELECT count(*) FROM tracking_plans
WHERE workspace_id = %(workspace_id)s AND (%(type)s::text IS NULL OR type = %(type)s)
  AND (%(name)s::text IS NULL OR strpos(lower(name), lower(%(name)s)) > 0);

-- list_plans_after --
-- Up to row_limit plans after position (created_at, id) (or from the start when null), oldest first.
SELECT * FROM tracking_plans
WHERE workspace_id = %(workspace_id)s AND (%(type)s::text IS NULL OR type = %(type)s)
  AND (%(name)s::text IS NULL OR strpos(lower(name), lower(%(name)s)) > 0)
  AND (created_at, plan_id) > (COALESCE(%(created_at)s::timestamptz, '-infinity'), COALESCE(%(id)s::text, ''))
ORDER BY created_at, plan_id
LIMIT %(row_limit)s;

-- list_plans_before --
-- Up to row_limit plans before position (created_at, id), newest first (the caller reverses them).
SELECT * FROM tracking_plans
WHERE workspace_id = %(workspace_id)s AND (%(type)s::text IS NULL OR type = %(type)s)
  AND (%(name)s::text IS NULL OR strpos(lower(name), lower(%(name)s)) > 0)
  AND (created_at, plan_id) < (%(created_at)s, %(id)s::text)
ORDER BY created_at DESC, plan_id DESC
LIMIT %(row_limit)s;

-- update_plan --
-- Set name, slug and description of a locked plan and bump its revision.
UPDATE tracking_plans
SET name = %(name)s, slug = %(slug)s, description = %(description)s, revision = revision + 1, updated_at = now()
WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s
RETURNING *;

-- delete_plan --
-- Delete a locked plan for good.
DELETE FROM tracking_plans WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s;

-- bump_revision --
-- Bump the revision of a locked plan whose rules changed, and add added_rules to its count of live rules.
UPDATE tracking_plans
SET revision = revision + 1, updated_at = now(), live_rule_count = live_rule_count + %(added_rules)s
WHERE workspace_id = %(workspace_id)s AND plan_id = %(plan_id)s
RETURNING *;
