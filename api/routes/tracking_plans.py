"""Tracking plans (Segment Public API): `/tracking-plans`."""

from typing import Annotated

import asyncpg
import msgspec
from litestar import Controller, Response, delete, get, patch, post
from litestar.datastructures import ResponseHeader
from litestar.params import HeaderParameter, JSONBody, PathParameter, QueryParameter

from api.auth import may_manage_plans
from api.domain.changelog import Change, ChangeAction
from api.domain.ids import ID_PATTERN
from api.domain.pagination import Pagination
from api.domain.plans import CreateTrackingPlan, PlanType, TrackingPlan, UpdateTrackingPlan
from api.domain.tokens import Principal
from api.openapi import linking_created
from api.routes.dependencies import Caller, ExpectedRevision, Page, Pool, Transaction, etag
from api.routes.responses import SUCCESS, WITH_BODY, StatusResponse, errors
from api.store import changelog, idempotency, plans


class TrackingPlanData(msgspec.Struct, kw_only=True, rename="camel"):
    tracking_plan: TrackingPlan


class TrackingPlanResponse(msgspec.Struct, kw_only=True):
    data: TrackingPlanData


class TrackingPlansData(msgspec.Struct, kw_only=True, rename="camel"):
    tracking_plans: list[TrackingPlan]
    pagination: Pagination


class TrackingPlansResponse(msgspec.Struct, kw_only=True):
    data: TrackingPlansData


TrackingPlanId = Annotated[str, PathParameter(pattern=ID_PATTERN, description="The plan's `tp_` id.")]
IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        min_length=1,
        max_length=255,
        description="Retry-safe creation: the same key and body within 24 hours answer the first response again.",
    ),
]

ETAG_HEADER = ResponseHeader(
    name="ETag", description="The plan's revision; send it back as If-Match.", documentation_only=True
)


class TrackingPlanController(Controller):
    path = "/tracking-plans"
    tags = ["Tracking Plans"]

    @get("/", operation_id="listTrackingPlans", responses=errors())
    async def list_tracking_plans(
        self,
        principal: Caller,
        pool: Pool,
        page: Page,
        type: Annotated[PlanType | None, QueryParameter(description="Only plans of this type.")] = None,
    ) -> TrackingPlansResponse:
        """A page of the workspace's tracking plans, oldest first."""
        found, pagination = await plans.list_plans(pool, principal.workspace_id, type, page)
        return TrackingPlansResponse(data=TrackingPlansData(tracking_plans=found, pagination=pagination))

    @post(
        "/",
        operation_id="createTrackingPlan",
        status_code=200,
        guards=[may_manage_plans],
        responses=errors(403, 409, *WITH_BODY),
        operation_class=linking_created(
            "trackingPlanId",
            "/data/trackingPlan/id",
            "getTrackingPlan",
            "updateTrackingPlan",
            "deleteTrackingPlan",
            "validateEventsAgainstTrackingPlan",
        ),
        response_headers=[ETAG_HEADER],
    )
    async def create_tracking_plan(
        self,
        data: JSONBody[CreateTrackingPlan],
        principal: Caller,
        conn: Transaction,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[TrackingPlanResponse]:
        """Create a tracking plan; with `Idempotency-Key`, a retried request creates nothing new."""
        if idempotency_key is None:
            return await _create(conn, principal, data)
        operation, body_hash = "createTrackingPlan", idempotency.request_hash(msgspec.json.encode(data))
        recorded = await idempotency.recorded_response(
            conn, principal.workspace_id, operation, idempotency_key, body_hash
        )
        if recorded is not None:
            replayed = msgspec.json.decode(recorded, type=TrackingPlanResponse)
            # the first answer showed the plan as created, at revision 1
            return Response(replayed, headers={"Idempotent-Replayed": "true", "ETag": etag(1)})
        response = await _create(conn, principal, data)
        await idempotency.record_response(
            conn, principal.workspace_id, operation, idempotency_key, body_hash, msgspec.json.encode(response.content)
        )
        return response

    @get(
        "/{trackingPlanId:str}",
        operation_id="getTrackingPlan",
        responses=errors(404),
        response_headers=[ETAG_HEADER],
    )
    async def get_tracking_plan(
        self,
        trackingPlanId: TrackingPlanId,
        principal: Caller,
        pool: Pool,
    ) -> Response[TrackingPlanResponse]:
        """One tracking plan, with its revision in `ETag`."""
        stored = await plans.get_plan(pool, principal.workspace_id, trackingPlanId)
        return plan_response(stored.plan, stored.revision)

    @patch(
        "/{trackingPlanId:str}",
        operation_id="updateTrackingPlan",
        guards=[may_manage_plans],
        responses=errors(403, 404, 412, *WITH_BODY),
        response_headers=[ETAG_HEADER],
    )
    async def update_tracking_plan(
        self,
        trackingPlanId: TrackingPlanId,
        data: JSONBody[UpdateTrackingPlan],
        principal: Caller,
        conn: Transaction,
        expected_revision: ExpectedRevision,
    ) -> Response[StatusResponse]:
        """Rename a plan or change its description; honours `If-Match`."""
        before, after = await plans.update_plan(conn, principal.workspace_id, trackingPlanId, data, expected_revision)
        if after is not before:
            change = Change(action=ChangeAction.PLAN_UPDATED, before=before.plan, after=after.plan)
            await changelog.record(conn, principal, trackingPlanId, [change])
        return Response(SUCCESS, headers={"ETag": etag(after.revision)})

    @delete(
        "/{trackingPlanId:str}",
        operation_id="deleteTrackingPlan",
        status_code=200,
        guards=[may_manage_plans],
        responses=errors(403, 404, 412),
    )
    async def delete_tracking_plan(
        self,
        trackingPlanId: TrackingPlanId,
        principal: Caller,
        conn: Transaction,
        expected_revision: ExpectedRevision,
    ) -> StatusResponse:
        """Delete a plan for good; honours `If-Match`."""
        deleted = await plans.delete_plan(conn, principal.workspace_id, trackingPlanId, expected_revision)
        await changelog.record(
            conn, principal, trackingPlanId, [Change(action=ChangeAction.PLAN_DELETED, before=deleted.plan)]
        )
        return SUCCESS


async def _create(
    conn: asyncpg.Connection, principal: Principal, data: CreateTrackingPlan
) -> Response[TrackingPlanResponse]:
    stored = await plans.create_plan(conn, principal.workspace_id, data)
    await changelog.record(
        conn, principal, stored.plan.id, [Change(action=ChangeAction.PLAN_CREATED, after=stored.plan)]
    )
    return plan_response(stored.plan, stored.revision)


def plan_response(plan: TrackingPlan, revision: int) -> Response[TrackingPlanResponse]:
    return Response(TrackingPlanResponse(data=TrackingPlanData(tracking_plan=plan)), headers={"ETag": etag(revision)})
