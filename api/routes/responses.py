"""Answers shared by several resources: `{"data": {"status": "SUCCESS"}}`, a plan, its `ETag`, the documented errors."""

from typing import Literal

import msgspec
from litestar import Response
from litestar.datastructures import ResponseHeader
from litestar.openapi.datastructures import ResponseSpec

from api.domain.plans import TrackingPlan
from api.routes.dependencies import etag
from api.routes.errors import ErrorEnvelope


class StatusData(msgspec.Struct, kw_only=True):
    status: Literal["SUCCESS"] = "SUCCESS"


class StatusResponse(msgspec.Struct, kw_only=True):
    """What write calls that return no object answer."""

    data: StatusData


SUCCESS = StatusResponse(data=StatusData())

_DESCRIPTIONS = {
    400: "Malformed request: the body is not JSON, or a cursor or parameter cannot be read.",
    401: "No token, a malformed Authorization header, or an unknown or revoked token.",
    403: "The token's role may not do this.",
    404: "No such resource in the token's workspace.",
    409: "The request conflicts with the current state.",
    412: "If-Match names a revision that is not the current one.",
    413: "The request body is too large: 4 MiB at most (64 MiB for copies and Config API documents).",
    415: "The request body is not JSON.",
    414: "The URL is longer than 8 KiB.",
    422: "The request is well formed but a field is invalid; `field` names it.",
    429: "Over the token's rate limit; `Retry-After` says in how many seconds to retry.",
    500: "Unexpected server error.",
    503: "The database cannot be reached; `Retry-After` says in how many seconds to retry.",
}
ANY_CALL = (400, 401, 414, 422, 429, 500, 503)
"""The statuses any call may answer, whatever it does."""


def errors(*statuses: int) -> dict[int, ResponseSpec]:
    """OpenAPI responses for the given error statuses plus those any call may answer (`ANY_CALL`)."""
    codes = sorted({*ANY_CALL, *statuses})
    return {
        code: ResponseSpec(data_container=ErrorEnvelope, description=_DESCRIPTIONS[code], generate_examples=False)
        for code in codes
    }


WITH_BODY = (413, 415)
"""Statuses that only calls with a request body answer."""

ETAG_HEADER = ResponseHeader(
    name="ETag", description="The plan's revision; send it back as If-Match.", documentation_only=True
)


class TrackingPlanData(msgspec.Struct, kw_only=True, rename="camel"):
    tracking_plan: TrackingPlan


class TrackingPlanResponse(msgspec.Struct, kw_only=True):
    data: TrackingPlanData


def plan_response(plan: TrackingPlan, revision: int) -> Response[TrackingPlanResponse]:
    """Returns the answer that shows one plan, with its revision as `ETag`."""
    return Response(TrackingPlanResponse(data=TrackingPlanData(tracking_plan=plan)), headers={"ETag": etag(revision)})
