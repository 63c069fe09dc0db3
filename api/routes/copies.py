"""Copies of plans: duplicates, cross-workspace copies, library imports, and exports to JSON and CSV."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, cast

import msgspec
from litestar import Controller, Response, get, post
from litestar.datastructures import ResponseHeader
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Operation, Schema
from litestar.params import HeaderParameter, JSONBody, QueryParameter

from api.auth import SOURCE_AUTHORIZATION, bearer_secret, may_manage_plans
from api.domain.copies import CopyResponse, CopyTrackingPlan, DuplicateTrackingPlan, ImportRules
from api.domain.exports import CSV_COLUMNS, PlanDocument, export_filename, plan_csv, plan_document
from api.domain.inferred_rules import ImportObserved
from api.errors import BadRequest
from api.routes.dependencies import Caller, DryRun, ExpectedRevision, Pool, TrackingPlanId, etag
from api.routes.responses import ETAG_HEADER, WITH_BODY, TrackingPlanResponse, errors, plan_response
from api.services import copies, observed
from api.services.observed import ObservedImportData
from api.store import rules

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


class ObservedImportResponse(msgspec.Struct, kw_only=True):
    data: ObservedImportData


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
        data: JSONBody[CopyTrackingPlan],
        principal: Caller,
        pool: Pool,
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
        secret = None
        if data.document is None:
            secret = bearer_secret(source_authorization, SOURCE_AUTHORIZATION, BadRequest)
        answer, revision = await copies.copy_plan(pool, principal, data, secret, expected_revision, dry_run)
        return Response(CopyResponse(data=answer), headers={"ETag": etag(revision)} if revision else {})

    @post(
        "/{trackingPlanId:str}/duplicate",
        operation_id="duplicateTrackingPlan",
        status_code=200,
        guards=[may_manage_plans],
        responses=errors(403, 404, *WITH_BODY),
        response_headers=[ETAG_HEADER],
    )
    async def duplicate_tracking_plan(
        self, trackingPlanId: TrackingPlanId, data: JSONBody[DuplicateTrackingPlan], principal: Caller, pool: Pool
    ) -> Response[TrackingPlanResponse]:
        """A new plan with every live rule of this one (types, versions, labels, descriptions); no sources."""
        copy = await copies.duplicate_plan(pool, principal, trackingPlanId, data.name)
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
        pool: Pool,
        expected_revision: ExpectedRevision,
        dry_run: DryRun = False,
    ) -> Response[CopyResponse]:
        """Copy a library's rules (all, or those of the named events) into this LIVE plan, as upserts. Atomic."""
        answer, revision = await copies.import_rules(pool, principal, trackingPlanId, data, expected_revision, dry_run)
        return Response(CopyResponse(data=answer), headers={"ETag": etag(revision)})

    @post(
        "/{trackingPlanId:str}/imports/observed",
        operation_id="importObservedEvents",
        status_code=200,
        guards=[may_manage_plans],
        responses=errors(403, 404, 409, 412, *WITH_BODY),
        response_headers=[ETAG_HEADER],
    )
    async def import_observed_events(
        self,
        trackingPlanId: TrackingPlanId,
        data: JSONBody[ImportObserved],
        principal: Caller,
        pool: Pool,
        expected_revision: ExpectedRevision,
        dry_run: DryRun = False,
    ) -> Response[ObservedImportResponse]:
        """Start or extend this LIVE plan from what a source sent in the last 24h, 7d or 30d (all its events, or those
        named): a rule per event with its JSON Schema inferred (one type per property; none, and listed in
        `ambiguous`, when several were sent), existing rules keeping what they declare. Atomic, no 200-rule limit."""
        answer, revision = await observed.import_observed(
            pool, principal, trackingPlanId, data, expected_revision, dry_run
        )
        return Response(ObservedImportResponse(data=answer), headers={"ETag": etag(revision)})

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
        pool: Pool,
        format: Annotated[
            Literal["json", "csv"],
            QueryParameter(description="`json`: the plan-as-code document; `csv`: a row per event and property."),
        ] = "json",
    ) -> Response[PlanDocument]:
        """The plan as a download: a JSON document a copy can restore, or a CSV of its events and properties."""
        stored, live = await rules.plan_with_rules(pool, principal.workspace_id, trackingPlanId)
        name = export_filename(principal.workspace_slug, stored.plan.slug, datetime.now(UTC), format)
        headers = {"Content-Disposition": f'attachment; filename="{name}"', "ETag": etag(stored.revision)}
        # both come encoded already: the document is assembled from the stored schema texts
        if format == "csv":
            return Response(cast(Any, plan_csv(live)), media_type="text/csv", headers=headers)
        return Response(cast(Any, plan_document(stored.plan, live)), media_type="application/json", headers=headers)
