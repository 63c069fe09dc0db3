"""What checking events needs: a plan compiled once per revision, and a source's whole pipeline.

Checking writes nothing, so these read without locks. Each worker keeps the plans it compiled in
`PLANS`, keyed by (plan id, revision): a replica never checks against a stale plan, since a write
bumps the revision.
"""

import msgspec

from api.domain.plans import StoredPlan
from api.domain.sources import SchemaSettings
from api.domain.tokens import Principal
from api.domain.transformations import TransformationInput
from api.domain.validation import CompiledPlan, PlanCache, PlanRef, PlanRule, SchemaError, SourceRef, compile_plan
from api.errors import InvalidInput
from api.store import Db, Pool, plans, rules, sources, transformations
from api.store.database import snapshot

PLANS = PlanCache()
"""This worker's compiled plans."""


async def plan_to_check(pool: Pool, by: Principal, plan_id: str) -> tuple[StoredPlan, CompiledPlan]:
    """Returns a plan and its live rules compiled, from this worker's cache when it holds the plan's revision."""
    stored = await plans.get_plan(pool, by.workspace_id, plan_id)
    return stored, await compiled_plan(pool, by.workspace_id, plan_id, stored.revision)


class SourcePipeline(msgspec.Struct, kw_only=True):
    """What a source does to the events it receives: its transformations, its plan's checks, its schema controls."""

    source: SourceRef
    transformations: list[TransformationInput]
    settings: SchemaSettings
    plan_id: str | None
    """The plan it is connected to; None when it has none (events are delivered unchecked)."""
    plan: CompiledPlan | None
    plan_ref: PlanRef | None


async def source_pipeline(pool: Pool, by: Principal, source_id: str) -> SourcePipeline:
    """Returns a source's pipeline as one state of the data has it."""
    async with snapshot(pool) as conn:
        stored = await sources.get_source(conn, by.workspace_id, source_id)
        settings = await sources.get_schema_settings(conn, by.workspace_id, source_id)
        found = await transformations.source_transformations(conn, by.workspace_id, source_id)
        plan, plan_ref = None, None
        if stored.plan_id is not None:
            connected = await plans.get_plan(conn, by.workspace_id, stored.plan_id)
            plan = await compiled_plan(conn, by.workspace_id, stored.plan_id, connected.revision)
            plan_ref = PlanRef(resource_schema_id=connected.plan.resource_schema_id, name=connected.plan.name)
    source = SourceRef(id=stored.source.id, slug=stored.source.slug, name=stored.source.name)
    return SourcePipeline(
        source=source, transformations=found, settings=settings, plan_id=stored.plan_id, plan=plan, plan_ref=plan_ref
    )


async def compiled_plan(db: Db, workspace_id: str, plan_id: str, revision: int) -> CompiledPlan:
    """Returns the plan's live rules at `revision` compiled, from this worker's cache when it holds that revision;
    else compiled anew, each rule unchanged since the revision it holds reused.

    Without a transaction: the rules are read, then the plan again; when its revision has not moved, the
    rules are that revision's and the compiled plan is cached, else they are used for this call only.
    """
    cached = PLANS.get(plan_id, revision)
    if cached is not None:
        return cached
    live = await rules.all_live_rules(db, workspace_id, plan_id)
    compiled: list[PlanRule] = []
    for rule in live:
        text = rule.schema_text
        schema = msgspec.json.decode(text) if text is not None else None
        compiled.append(PlanRule(type=rule.type, key=rule.key, version=rule.version, json_schema=schema, text=text))
    try:
        # the rules unchanged since the revision this worker last compiled are taken from it
        plan = compile_plan(compiled, PLANS.latest(plan_id))
    except SchemaError as exc:
        # only rules stored before the engine existed can get here: writes refuse what it cannot compile
        raise InvalidInput(f"A rule of the plan cannot check events: {exc}", subject="plan") from None
    if (await plans.get_plan(db, workspace_id, plan_id)).revision == revision:
        PLANS.put(plan_id, revision, plan)
    return plan
