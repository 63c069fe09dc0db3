"""The changelog of a tracking plan: `/tracking-plans/{trackingPlanId}/changelog`."""

import msgspec
from litestar import get

from api.domain.changelog import ChangelogEntry
from api.domain.pagination import Pagination
from api.errors import NotFound
from api.routes.dependencies import Caller, Page, Pool, TrackingPlanId
from api.routes.responses import errors
from api.store import changelog


class ChangelogData(msgspec.Struct, kw_only=True):
    changelog: list[ChangelogEntry]
    pagination: Pagination


class ChangelogResponse(msgspec.Struct, kw_only=True):
    data: ChangelogData


@get(
    "/tracking-plans/{trackingPlanId:str}/changelog",
    operation_id="listTrackingPlanChangelog",
    tags=["Tracking Plans"],
    responses=errors(404),
)
async def list_changelog(
    trackingPlanId: TrackingPlanId, principal: Caller, pool: Pool, page: Page
) -> ChangelogResponse:
    """Every change to the plan and its rules, newest first: when, by which token, what, before and after.

    A deleted plan's changelog stays readable, ending with `PLAN_DELETED`.
    """
    entries, pagination = await changelog.list_changes(pool, principal.workspace_id, trackingPlanId, page)
    # every plan's changelog starts with PLAN_CREATED, so an empty one means no such plan here
    if pagination.total_entries == 0:
        raise NotFound(f"No tracking plan {trackingPlanId!r} in this workspace.", subject="plan")
    return ChangelogResponse(data=ChangelogData(changelog=entries, pagination=pagination))
