"""Rules of a tracking plan (Segment Public API): `/tracking-plans/{trackingPlanId}/rules`."""

import re
from collections.abc import Sequence
from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, Request, Response, delete, get, patch, put
from litestar.params import JSONBody, QueryParameter

from api.auth import may_manage_plans
from api.domain.pagination import Pagination
from api.domain.plans import StoredPlan
from api.domain.rules import (
    LABEL_PATTERN,
    RULE_KEY_PATTERN,
    Rule,
    RuleIdentity,
    RuleInput,
    RulesChange,
    RuleType,
    UpsertRule,
)
from api.domain.tokens import Principal
from api.errors import BadRequest, InvalidInput
from api.routes.dependencies import Caller, DryRun, ExpectedRevision, Page, Pool, TrackingPlanId, etag
from api.routes.responses import ETAG_HEADER, WITH_BODY, errors
from api.services import rules
from api.store import rules as store_rules
from api.store.rules import RuleFilter


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
        where = RuleFilter(type=type, key=key, label=label, include_deprecated=include_deprecated)
        found, pagination = await store_rules.list_rules(pool, principal.workspace_id, trackingPlanId, where, page)
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
        trackingPlanId: TrackingPlanId,
        data: JSONBody[UpsertRulesBody],
        principal: Caller,
        pool: Pool,
        expected_revision: ExpectedRevision,
        dry_run: DryRun = False,
    ) -> Response[RulesChangeResponse]:
        """Create or update up to 200 rules; `newKey` renames a rule's key. Atomic; honours `If-Match`."""
        change, after = await rules.upsert_rules(
            pool, principal, trackingPlanId, data.rules, expected_revision, dry_run
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
        trackingPlanId: TrackingPlanId,
        data: JSONBody[ReplaceRulesBody],
        principal: Caller,
        pool: Pool,
        expected_revision: ExpectedRevision,
        dry_run: DryRun = False,
    ) -> Response[RulesChangeResponse]:
        """Make the plan's live rules exactly these (up to 200); the others are removed. Atomic."""
        change, after = await rules.replace_rules(
            pool, principal, trackingPlanId, data.rules, expected_revision, dry_run
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
        pool: Pool,
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
        change, after = await rules.remove_rules(
            pool, principal, trackingPlanId, identities, expected_revision, dry_run
        )
        return _answer(dry_run, change, after)


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
