-- insert_plan --
-- Create a plan at revision 1.
INSERT INTO tracking_plans (workspace_id, plan_id, resource_schema_id, name, slug, description, type)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING plan_id, resource_schema_id, name, slug, description, type, revision, created_at, updated_at, live_rule_count;

-- get_plan --
-- One plan of a workspace.
SELECT plan_id, resource_schema_id, name, slug, description, type, revision, created_at, updated_at, live_rule_count
FROM tracking_plans WHERE workspace_id = $1 AND plan_id = $2;

-- lock_plan --
-- One plan of a workspace, locked until the transaction ends.
SELECT plan_id, resource_schema_id, name, slug, description, type, revision, created_at, updated_at, live_rule_count
FROM tracking_plans WHERE workspace_id = $1 AND plan_id = $2 FOR UPDATE;

-- lock_plan_by_either_id --
-- The plan of a workspace that $2 names by its tp_ or its rs_ id, locked until the transaction ends.
SELECT plan_id, resource_schema_id, name, slug, description, type, revision, created_at, updated_at, live_rule_count
FROM tracking_plans WHERE workspace_id = $1 AND (plan_id = $2 OR resource_schema_id = $2) FOR UPDATE;

-- count_plans --
-- How many plans of a workspace there are, of one type or ($2 null) of all.
SELECT count(*) FROM tracking_plans WHERE workspace_id = $1 AND ($2::text IS NULL OR type = $2);

-- list_plans_after --
-- Up to $5 plans after position ($3, $4) (or from the start when $3 is null), oldest first.
SELECT plan_id, resource_schema_id, name, slug, description, type, revision, created_at, updated_at, live_rule_count
FROM tracking_plans
WHERE workspace_id = $1 AND ($2::text IS NULL OR type = $2)
  AND (created_at, plan_id) > (COALESCE($3::timestamptz, '-infinity'), COALESCE($4::text, ''))
ORDER BY created_at, plan_id
LIMIT $5;

-- list_plans_before --
-- Up to $5 plans before position ($3, $4), newest first (the caller reverses them).
SELECT plan_id, resource_schema_id, name, slug, description, type, revision, created_at, updated_at, live_rule_count
FROM tracking_plans
WHERE workspace_id = $1 AND ($2::text IS NULL OR type = $2) AND (created_at, plan_id) < ($3, $4::text)
ORDER BY created_at DESC, plan_id DESC
LIMIT $5;

-- update_plan --
-- Set name, slug and description of a locked plan and bump its revision.
UPDATE tracking_plans
SET name = $3, slug = $4, description = $5, revision = revision + 1, updated_at = now()
WHERE workspace_id = $1 AND plan_id = $2
RETURNING plan_id, resource_schema_id, name, slug, description, type, revision, created_at, updated_at, live_rule_count;

-- delete_plan --
-- Delete a locked plan for good.
DELETE FROM tracking_plans WHERE workspace_id = $1 AND plan_id = $2;

-- bump_revision --
-- Bump the revision of a locked plan whose rules changed, and add $3 to its count of live rules.
UPDATE tracking_plans SET revision = revision + 1, updated_at = now(), live_rule_count = live_rule_count + $3
WHERE workspace_id = $1 AND plan_id = $2
RETURNING plan_id, resource_schema_id, name, slug, description, type, revision, created_at, updated_at, live_rule_count;

-- find_plan --
-- The plan of a workspace that $2 names by its tp_ or its rs_ id.
SELECT plan_id, resource_schema_id, name, slug, description, type, revision, created_at, updated_at, live_rule_count
FROM tracking_plans WHERE workspace_id = $1 AND (plan_id = $2 OR resource_schema_id = $2);

-- share_plan --
-- One plan of a workspace, kept from changing (rules writes lock it first) until the transaction ends.
SELECT plan_id, resource_schema_id, name, slug, description, type, revision, created_at, updated_at, live_rule_count
FROM tracking_plans WHERE workspace_id = $1 AND plan_id = $2 FOR SHARE;
