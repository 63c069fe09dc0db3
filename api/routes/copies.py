"""Copies of plans: duplicates, cross-workspace copies, library imports, and exports to JSON and CSV."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, cast

import asyncpg
import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.datastructures import ResponseHeader
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Operation, Schema
from litestar.params import HeaderParameter, JSONBody, QueryParameter

from api.auth import SOURCE_AUTHORIZATION, may_manage_plans, source_principal
from api.domain.changelog import Change, ChangeAction
from api.domain.copies import (
    CopyData,
    CopyMode,
    CopyResponse,
    CopyTrackingPlan,
    DuplicateTrackingPlan,
    ImportRules,
    NotCopied,
    check_copy_size,
    document_schemas,
    inputs_from_document,
    inputs_from_live,
    not_copied,
)
from api.domain.exports import CSV_COLUMNS, PlanDocument, export_filename, plan_csv, plan_document
from api.domain.plans import LIBRARY_TYPES, CreateTrackingPlan, PlanType, StoredPlan, TrackingPlan
from api.domain.revisions import Precondition
from api.domain.rules import RuleInput, RulesChange, as_upserts, check_rules, plan_replace, plan_upsert
from api.domain.tokens import Principal
from api.errors import Conflict, InvalidInput, NotFound
from api.routes.dependencies import Caller, ExpectedRevision, Snapshot, Transaction, etag
from api.routes.responses import WITH_BODY, errors
from api.routes.rules import DryRun, create_plan_with_rules, write_rules
from api.routes.tracking_plans import ETAG_HEADER, TrackingPlanId, TrackingPlanResponse, plan_response
from api.store import changelog, plans, rules, sources

MAX_COPY_BODY_BYTES = 64 * 1024 * 1024
"""A copy from a document carries a whole plan: thousands of rules of a few KiB each fit."""

SourceAuthorization = Annotated[
    str | None,
    HeaderParameter(
        name=SOURCE_AUTHORIZATION,
        max_length=500,
        description="`Bearer <token>` of the source plan's workspace (any role); not needed with a `document`.",
    ),
]


DOWNLOAD_HEADER = ResponseHeader(
    name="Content-Disposition",
    description='`attachment; filename="{workspaceSlug}-{planSlug}--{yyyy-mm-dd}--{hh-mm}-utc.{json|csv}"`.',
    documentation_only=True,
)


@dataclass
class ExportOperation(Operation):
    """The export answers the JSON document or, with `format=csv`, CSV text."""

    def __post_init__(self) -> None:
        assert self.responses is not None
        exported = self.responses["200"]
        assert isinstance(exported, OpenAPIResponse) and exported.content is not None
        columns = ", ".join(CSV_COLUMNS)
        exported.content["text/csv"] = OpenAPIMediaType(
            schema=Schema(
                type=OpenAPIType.STRING, description=f"A header row ({columns}), then a row per event and property."
            )
        )
        # Litestar gathers response headers in a frozenset: put them in a fixed order, or openapi.yaml would
        # change from one run to the next
        exported.headers = dict(sorted((exported.headers or {}).items()))


class CopyController(Controller):
    path = "/tracking-plans"
    tags = ["Copies"]

    @post(
        "/copies",
        operation_id="copyTrackingPlan",
        status_code=200,
        guards=[may_manage_plans],
        responses=errors(403, 404, 409, 412, *WITH_BODY),
        response_headers=[ETAG_HEADER],
        request_max_body_size=MAX_COPY_BODY_BYTES,
    )
    async def copy_tracking_plan(
        self,
        request: Request[Principal, Any, Any],
        data: JSONBody[CopyTrackingPlan],
        principal: Caller,
        conn: Transaction,
        expected_revision: ExpectedRevision,
        source_authorization: SourceAuthorization = None,
        dry_run: DryRun = False,
    ) -> Response[CopyResponse]:
        """Copy a plan's rules into this workspace: a new plan (CREATE), or into a plan (REPLACE or MERGE).

        The source is a plan of the `X-Source-Authorization` token's workspace, or a plan-as-code
        `document`. One transaction without the 200-rule limit; every rule check applies; honours
        `If-Match` on the target plan and `?dryRun=true`. Sources connected to the source plan are
        listed in `notCopied`: they belong to their workspace.
        """
        data.check()
        source: CopySource | None = None
        if data.document is not None:
            texts = document_schemas(await request.body())
            inputs = inputs_from_document(data.document)
            check_copy_size(len(inputs), "document.rules")
            check_rules(inputs, texts, "document.rules")
            origin: dict[str, Any] = {"document": data.document.tracking_plan.name}
            about = data.document.tracking_plan
            name, description, plan_type = about.name, about.description, about.type
        else:
            source = await _read_source(conn, source_authorization, data.source_tracking_plan_id or "")
            same_workspace = source.principal.workspace_id == principal.workspace_id
            if same_workspace and data.target_tracking_plan_id == source.plan.id:
                raise InvalidInput(
                    "A plan cannot be copied onto itself: name another target plan.", field="targetTrackingPlanId"
                )
            inputs, texts = source.inputs, source.texts
            origin = {"workspaceSlug": source.principal.workspace_slug, "trackingPlanId": source.plan.id}
            name, description, plan_type = source.plan.name, source.plan.description, source.plan.type

        copied_from = Change(action=ChangeAction.PLAN_COPIED_FROM, after={**origin, "mode": data.mode})
        if data.mode is CopyMode.CREATE:
            change, target = await _create_copy(
                conn, principal, data.name or name, description, plan_type, inputs, texts, copied_from, dry_run
            )
        else:
            change, target = await _copy_into(
                conn, principal, data, inputs, texts, copied_from, expected_revision, dry_run
            )
        if source is not None and not dry_run:
            to = {"workspaceSlug": principal.workspace_slug, "trackingPlanId": target.plan.id if target else None}
            copied_to = Change(action=ChangeAction.PLAN_COPIED_TO, after={**to, "mode": data.mode})
            await changelog.record(conn, source.principal, source.plan.id, [copied_to])
        answer = CopyData(
            dry_run=dry_run,
            tracking_plan=target.plan if target else None,
            not_copied=source.not_copied if source else [],
            **msgspec.structs.asdict(change),
        )
        return Response(CopyResponse(data=answer), headers={"ETag": etag(target.revision)} if target else {})

    @post(
        "/{trackingPlanId:str}/duplicate",
        operation_id="duplicateTrackingPlan",
        status_code=200,
        guards=[may_manage_plans],
        responses=errors(403, 404, *WITH_BODY),
        response_headers=[ETAG_HEADER],
    )
    async def duplicate_tracking_plan(
        self,
        trackingPlanId: TrackingPlanId,
        data: JSONBody[DuplicateTrackingPlan],
        principal: Caller,
        conn: Transaction,
    ) -> Response[TrackingPlanResponse]:
        """A new plan with every live rule of this one (types, versions, labels, descriptions); no sources."""
        original = await plans.hold_plan(conn, principal.workspace_id, trackingPlanId)
        inputs, texts = inputs_from_live(await rules.all_live_rules(conn, principal.workspace_id, trackingPlanId))
        check_copy_size(len(inputs), "trackingPlanId")
        copied_from = Change(action=ChangeAction.PLAN_COPIED_FROM, after={"trackingPlanId": trackingPlanId})
        _, copy = await _create_copy(
            conn, principal, data.name, original.plan.description, original.plan.type, inputs, texts, copied_from
        )
        assert copy is not None
        copied_to = Change(action=ChangeAction.PLAN_COPIED_TO, after={"trackingPlanId": copy.plan.id})
        await changelog.record(conn, principal, trackingPlanId, [copied_to])
        return plan_response(copy.plan, copy.revision)

    @post(
        "/{trackingPlanId:str}/imports",
        operation_id="importRulesFromLibrary",
        status_code=200,
        guards=[may_manage_plans],
        responses=errors(403, 404, 409, 412, *WITH_BODY),
        response_headers=[ETAG_HEADER],
    )
    async def import_rules(
        self,
        trackingPlanId: TrackingPlanId,
        data: JSONBody[ImportRules],
        principal: Caller,
        conn: Transaction,
        expected_revision: ExpectedRevision,
        dry_run: DryRun = False,
    ) -> Response[CopyResponse]:
        """Copy a library's rules (all, or those of the named events) into this LIVE plan, as upserts. Atomic."""
        data.check()
        target = await plans.get_plan(conn, principal.workspace_id, trackingPlanId)
        if target.plan.type is not PlanType.LIVE:
            raise Conflict(f"Rules are imported into LIVE plans; {trackingPlanId!r} is a {target.plan.type}.")
        library = await plans.hold_plan(conn, principal.workspace_id, data.library_id, "libraryId")
        if library.plan.type not in LIBRARY_TYPES:
            raise InvalidInput(
                f"{data.library_id!r} is a {library.plan.type} plan, not a RULE_LIBRARY or PROPERTY_LIBRARY.",
                field="libraryId",
            )
        live = await rules.all_live_rules(conn, principal.workspace_id, data.library_id)
        if data.keys is not None:
            in_library = {rule.key for rule in live}
            for i, key in enumerate(data.keys):
                if key not in in_library:
                    raise NotFound(f"The library has no rule for {key!r}.", field=f"keys[{i}]")
            wanted = set(data.keys)
            live = [rule for rule in live if rule.key in wanted]
        inputs, texts = inputs_from_live(live)
        check_copy_size(len(inputs), "libraryId")
        check_rules(inputs, texts, "libraryRules")
        imported = Change(action=ChangeAction.RULES_IMPORTED, after={"libraryId": data.library_id, "keys": data.keys})
        change, after = await write_rules(
            conn,
            principal,
            trackingPlanId,
            expected_revision,
            dry_run,
            lambda current: plan_upsert(as_upserts(inputs), texts, current),
            [rule.identity for rule in inputs],
            also_record=[imported],
        )
        answer = CopyData(dry_run=dry_run, tracking_plan=after.plan, **msgspec.structs.asdict(change))
        return Response(CopyResponse(data=answer), headers={"ETag": etag(after.revision)})

    @get(
        "/{trackingPlanId:str}/export",
        operation_id="exportTrackingPlan",
        responses=errors(404),
        response_headers=[ETAG_HEADER, DOWNLOAD_HEADER],
        operation_class=ExportOperation,
    )
    async def export_tracking_plan(
        self,
        trackingPlanId: TrackingPlanId,
        principal: Caller,
        snapshot: Snapshot,
        format: Annotated[
            Literal["json", "csv"],
            QueryParameter(description="`json`: the plan-as-code document; `csv`: a row per event and property."),
        ] = "json",
    ) -> Response[PlanDocument]:
        """The plan as a download: a JSON document a copy can restore, or a CSV of its events and properties."""
        stored = await plans.get_plan(snapshot, principal.workspace_id, trackingPlanId)
        live = await rules.all_live_rules(snapshot, principal.workspace_id, trackingPlanId)
        name = export_filename(principal.workspace_slug, stored.plan.slug, datetime.now(UTC), format)
        headers = {"Content-Disposition": f'attachment; filename="{name}"', "ETag": etag(stored.revision)}
        # both come encoded already: the document is assembled from the stored schema texts
        if format == "csv":
            return Response(cast(Any, plan_csv(live)), media_type="text/csv", headers=headers)
        return Response(cast(Any, plan_document(stored.plan, live)), media_type="application/json", headers=headers)


class CopySource(msgspec.Struct, kw_only=True):
    """The source of a copy: the plan, who may read it, its rules, and its sources (not copied)."""

    principal: Principal
    plan: TrackingPlan
    inputs: list[RuleInput]
    texts: list[str | None]
    not_copied: list[NotCopied]


async def _read_source(conn: asyncpg.Connection, header: str | None, plan_id: str) -> CopySource:
    """The source plan, read with the source token: only its own workspace."""
    reader = await source_principal(conn, header)
    try:
        stored = await plans.hold_plan(conn, reader.workspace_id, plan_id)
    except NotFound:
        raise NotFound(
            f"No tracking plan {plan_id!r} in the workspace of the X-Source-Authorization token.",
            field="sourceTrackingPlanId",
        ) from None
    inputs, texts = inputs_from_live(await rules.all_live_rules(conn, reader.workspace_id, plan_id))
    check_copy_size(len(inputs), "sourceTrackingPlanId")
    check_rules(inputs, texts, "sourceRules")
    connected = await sources.connected_sources(conn, reader.workspace_id, plan_id)
    return CopySource(
        principal=reader,
        plan=stored.plan,
        inputs=inputs,
        texts=texts,
        not_copied=[not_copied(source.id, source.slug, source.name, settings) for source, settings in connected],
    )


async def _create_copy(
    conn: asyncpg.Connection,
    principal: Principal,
    name: str,
    description: str | None,
    plan_type: PlanType,
    inputs: list[RuleInput],
    texts: list[str | None],
    copied_from: Change,
    dry_run: bool = False,
) -> tuple[RulesChange, StoredPlan | None]:
    """A new plan holding `inputs`; in a dry run, only what it would hold (and no plan)."""
    if dry_run:
        return plan_replace(inputs, texts, []).change, None
    new = CreateTrackingPlan(name=name, description=description, type=plan_type)
    return await create_plan_with_rules(conn, principal, new, inputs, texts, [copied_from])


async def _copy_into(
    conn: asyncpg.Connection,
    principal: Principal,
    data: CopyTrackingPlan,
    inputs: list[RuleInput],
    texts: list[str | None],
    copied_from: Change,
    expected_revision: Precondition | None,
    dry_run: bool,
) -> tuple[RulesChange, StoredPlan]:
    """REPLACE or MERGE `inputs` into the target plan of this workspace."""
    target_id = data.target_tracking_plan_id or ""
    replace = data.mode is CopyMode.REPLACE
    return await write_rules(
        conn,
        principal,
        target_id,
        expected_revision,
        dry_run,
        lambda live: plan_replace(inputs, texts, live) if replace else plan_upsert(as_upserts(inputs), texts, live),
        # a merge plans against the target's rules it touches; a replace against all of them
        None if replace else [rule.identity for rule in inputs],
        also_record=[copied_from],
        plan_field="targetTrackingPlanId",
    )
