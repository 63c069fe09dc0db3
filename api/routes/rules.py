"""Rules of a tracking plan (Segment Public API): `/tracking-plans/{trackingPlanId}/rules`."""

import re
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal

import asyncpg
import msgspec
from litestar import Controller, Request, Response, delete, get, patch, put
from litestar.params import JSONBody, QueryParameter

from api.auth import may_manage_plans
from api.domain.changelog import Change, ChangeAction, rule_changes
from api.domain.pagination import Pagination
from api.domain.plans import CreateTrackingPlan, StoredPlan
from api.domain.revisions import Precondition
from api.domain.rules import (
    LABEL_PATTERN,
    RULE_KEY_PATTERN,
    LiveRule,
    Rule,
    RuleIdentity,
    RuleInput,
    RulesChange,
    RulesPlan,
    RuleType,
    UpsertRule,
    check_batch,
    check_rules,
    plan_removal,
    plan_replace,
    plan_upsert,
    sent_schemas,
)
from api.domain.tokens import Principal
from api.errors import BadRequest, InvalidInput
from api.routes.dependencies import Caller, ExpectedRevision, Page, Pool, Transaction, etag
from api.routes.responses import WITH_BODY, errors
from api.routes.tracking_plans import ETAG_HEADER, TrackingPlanId
from api.store import changelog, plans, rules
from api.store.rules import RuleFilter

DryRun = Annotated[
    bool, QueryParameter(name="dryRun", description="Run every check and answer what the call would do; write nothing.")
]


class RulesData(msgspec.Struct, kw_only=True):
    rules: list[Rule]
    pagination: Pagination


class RulesResponse(msgspec.Struct, kw_only=True):
    data: RulesData


class UpsertRulesBody(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    rules: list[UpsertRule]


class ReplaceRulesBody(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    rules: list[RuleInput]


class RemoveRulesBody(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    rules: list[RuleIdentity]


class RulesChangeData(RulesChange, kw_only=True, rename="camel"):
    status: Literal["SUCCESS"] = "SUCCESS"
    dry_run: bool
    """True when nothing was written."""


class RulesChangeResponse(msgspec.Struct, kw_only=True):
    """What a rules write did, or in a dry run would do, by rule identity."""

    data: RulesChangeData


class RulesController(Controller):
    path = "/tracking-plans/{trackingPlanId:str}/rules"
    tags = ["Rules"]

    @get("/", operation_id="listRulesFromTrackingPlan", responses=errors(404))
    async def list_rules(
        self,
        trackingPlanId: TrackingPlanId,
        principal: Caller,
        pool: Pool,
        page: Page,
        type: Annotated[RuleType | None, QueryParameter(description="Only rules of this type.")] = None,
        key: Annotated[
            str | None,
            QueryParameter(
                min_length=1, max_length=200, pattern=RULE_KEY_PATTERN, description="Only rules with this key."
            ),
        ] = None,
        label: Annotated[
            str | None,
            QueryParameter(max_length=201, pattern=LABEL_PATTERN, description="Only rules labelled `key:value`."),
        ] = None,
        include_deprecated: Annotated[
            bool, QueryParameter(name="includeDeprecated", description="Also removed versions, with `deprecatedAt`.")
        ] = False,
    ) -> RulesResponse:
        """A page of the plan's rules, in the order they were created."""
        stored = await plans.get_plan(pool, principal.workspace_id, trackingPlanId)
        where = RuleFilter(type=type, key=key, label=label, include_deprecated=include_deprecated)
        total = stored.live_rule_count if where == RuleFilter() else None
        found, pagination = await rules.list_rules(pool, principal.workspace_id, trackingPlanId, where, page, total)
        return RulesResponse(data=RulesData(rules=found, pagination=pagination))

    @patch(
        "/",
        operation_id="updateRulesInTrackingPlan",
        guards=[may_manage_plans],
        responses=errors(403, 404, 409, 412, *WITH_BODY),
        response_headers=[ETAG_HEADER],
    )
    async def upsert_rules(
        self,
        request: Request[Principal, Any, Any],
        trackingPlanId: TrackingPlanId,
        data: JSONBody[UpsertRulesBody],
        principal: Caller,
        conn: Transaction,
        expected_revision: ExpectedRevision,
        dry_run: DryRun = False,
    ) -> Response[RulesChangeResponse]:
        """Create or update up to 200 rules; `newKey` renames a rule's key. Atomic; honours `If-Match`."""
        texts = sent_schemas(await request.body())
        _check_inputs(data.rules, texts)
        wanted = [rule.identity for rule in data.rules]
        wanted += [RuleIdentity(type=r.type, key=r.new_key, version=r.version) for r in data.rules if r.new_key]

        change, after = await write_rules(
            conn,
            principal,
            trackingPlanId,
            expected_revision,
            dry_run,
            lambda live: plan_upsert(data.rules, texts, live),
            wanted,
        )
        return _answer(dry_run, change, after)

    @put(
        "/",
        operation_id="replaceRulesInTrackingPlan",
        guards=[may_manage_plans],
        responses=errors(403, 404, 412, *WITH_BODY),
        response_headers=[ETAG_HEADER],
    )
    async def replace_rules(
        self,
        request: Request[Principal, Any, Any],
        trackingPlanId: TrackingPlanId,
        data: JSONBody[ReplaceRulesBody],
        principal: Caller,
        conn: Transaction,
        expected_revision: ExpectedRevision,
        dry_run: DryRun = False,
    ) -> Response[RulesChangeResponse]:
        """Make the plan's live rules exactly these (up to 200); the others are removed. Atomic."""
        texts = sent_schemas(await request.body())
        _check_inputs(data.rules, texts)

        change, after = await write_rules(
            conn,
            principal,
            trackingPlanId,
            expected_revision,
            dry_run,
            lambda live: plan_replace(data.rules, texts, live),
        )
        return _answer(dry_run, change, after)

    @delete(
        "/",
        operation_id="removeRulesFromTrackingPlan",
        status_code=200,
        guards=[may_manage_plans],
        responses=errors(403, 404, 412, *WITH_BODY),
        response_headers=[ETAG_HEADER],
    )
    async def remove_rules(
        self,
        request: Request[Principal, Any, Any],
        trackingPlanId: TrackingPlanId,
        principal: Caller,
        conn: Transaction,
        expected_revision: ExpectedRevision,
        dry_run: DryRun = False,
        data: JSONBody[RemoveRulesBody | None] = None,
    ) -> Response[RulesChangeResponse]:
        """Remove up to 200 rules, named in a JSON body or in the query string.

        The query string names them as `rules[0][type]=TRACK&rules[0][key]=…&rules[0][version]=1`.
        Removed versions are kept as history. Naming a rule that is not live is a 404.
        """
        identities = data.rules if data is not None else identities_from_query(list(request.query_params.multi_items()))
        if not identities:
            raise BadRequest(
                'Name the rules to remove, in the query string or a JSON body {"rules": [...]}.', field="rules"
            )
        check_batch(len(identities))

        change, after = await write_rules(
            conn,
            principal,
            trackingPlanId,
            expected_revision,
            dry_run,
            lambda live: plan_removal(identities, live),
            identities,
        )
        return _answer(dry_run, change, after)


def _check_inputs(inputs: Sequence[RuleInput], texts: Sequence[str | None]) -> None:
    check_batch(len(inputs))
    check_rules(inputs, texts)


async def write_rules(
    conn: asyncpg.Connection,
    principal: Principal,
    plan_id: str,
    expected_revision: Precondition | None,
    dry_run: bool,
    plan_for: Callable[[list[LiveRule]], RulesPlan],
    wanted: Sequence[RuleIdentity] | None = None,
    also_record: Sequence[Change] = (),
    plan_field: str = "trackingPlanId",
) -> tuple[RulesChange, StoredPlan]:
    """Lock the plan, plan the write against its live rules (those `wanted`, or all), then apply and record it.

    The lock comes first: concurrent writes to one plan take turns, and each plans against what the last wrote.
    `also_record` goes into the changelog with the rule changes (unless it is a dry run); a missing plan is a
    404 naming `plan_field`. Answers the change and the plan after it.
    """
    stored = await plans.lock_plan(conn, principal.workspace_id, plan_id, expected_revision, plan_field)
    if wanted is None:
        live = await rules.all_live_rules(conn, principal.workspace_id, plan_id)
    else:
        live = await rules.live_rules(conn, principal.workspace_id, plan_id, wanted)
    plan = plan_for(live)
    if dry_run:
        return plan.change, stored
    return plan.change, await _apply(conn, principal, stored, plan, also_record)


async def _apply(
    conn: asyncpg.Connection, principal: Principal, stored: StoredPlan, plan: RulesPlan, also_record: Sequence[Change]
) -> StoredPlan:
    """Carry out a planned write on a locked plan and record it; a write that changes nothing keeps the revision."""
    if plan.writes or plan.removals:
        await rules.apply(conn, principal.workspace_id, stored.plan.id, plan)
        added = len(plan.change.created) - len(plan.change.removed)
        stored = await plans.touch_plan(conn, principal.workspace_id, stored.plan.id, added)
    await changelog.record(conn, principal, stored.plan.id, [*also_record, *rule_changes(plan)])
    return stored


async def create_plan_with_rules(
    conn: asyncpg.Connection,
    principal: Principal,
    new: CreateTrackingPlan,
    inputs: Sequence[RuleInput],
    texts: Sequence[str | None],
    also_record: Sequence[Change] = (),
) -> tuple[RulesChange, StoredPlan]:
    """Create a plan holding `inputs` (checked already), recording its creation, `also_record` and each rule."""
    created = await plans.create_plan(conn, principal.workspace_id, new)
    plan = plan_replace(inputs, texts, [])
    born = Change(action=ChangeAction.PLAN_CREATED, after=created.plan)
    return plan.change, await _apply(conn, principal, created, plan, [born, *also_record])


def _answer(dry_run: bool, change: RulesChange, after: StoredPlan) -> Response[RulesChangeResponse]:
    data = RulesChangeData(dry_run=dry_run, **msgspec.structs.asdict(change))
    return Response(RulesChangeResponse(data=data), headers={"ETag": etag(after.revision)})


_QUERY_RULE = re.compile(r"^rules(?:\[(\d{1,4})\]|\.(\d{1,4}))\[(type|key|version)\]$")


def identities_from_query(items: Sequence[tuple[str, str]]) -> list[RuleIdentity]:
    """Rules named as `rules[0][type]=TRACK&rules[0][key]=…&rules[0][version]=1`, or `rules.0[type]` (Go SDK)."""
    found: dict[int, dict[str, str]] = {}
    for name, value in items:
        if match := _QUERY_RULE.match(name):
            index = int(match[1] or match[2])
            found.setdefault(index, {})[match[3]] = value
    if list(found) and sorted(found) != list(range(len(found))):
        raise InvalidInput("Number the rules in the query string 0, 1, 2, … without gaps.", field="rules")
    identities = []
    for index in sorted(found):
        try:
            identities.append(msgspec.convert(found[index], RuleIdentity, strict=False))
        except msgspec.ValidationError as exc:
            error = InvalidInput.from_msgspec(exc)
            raise InvalidInput(
                error.message, field=f"rules[{index}]" + (f".{error.field}" if error.field else "")
            ) from None
    return identities
