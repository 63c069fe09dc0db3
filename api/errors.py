"""One error hierarchy (pure: no Litestar), which each API renders in its own shape.

Routes, services, the store and the domain raise these; `api.routes.errors.render_error` turns them,
Litestar's own HTTP exceptions and anything unexpected into `{"errors": [{"type", "message", "field"?, "status"}]}`.
"""

import re
from typing import ClassVar

import msgspec


class ErrorItem(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One problem with a request."""

    type: str
    """Machine-readable kind of error, e.g. `not-found`."""
    message: str
    field: str | None = None
    """The offending input (body path, query or header name), when there is one."""
    status: int


class ErrorEnvelope(msgspec.Struct, kw_only=True, omit_defaults=True, rename={"request_id": "requestId"}):
    """The body of every non-2xx answer."""

    errors: list[ErrorItem]
    request_id: str | None = None
    """The request's `X-Request-Id`, to find its log line."""


class ApiError(Exception):
    """Base of every error the API answers on purpose."""

    status_code: ClassVar[int] = 500
    """HTTP status of the answer."""
    type: ClassVar[str] = "internal"
    """Segment error `type`."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class BadRequest(ApiError):
    status_code = 400
    type = "bad-request"


class Unauthorized(ApiError):
    status_code = 401
    type = "unauthorized"


class Forbidden(ApiError):
    status_code = 403
    type = "forbidden"


class NotFound(ApiError):
    status_code = 404
    type = "not-found"


class Conflict(ApiError):
    status_code = 409
    type = "conflict"


class PreconditionFailed(ApiError):
    status_code = 412
    type = "precondition-failed"


class UnsupportedMediaType(ApiError):
    status_code = 415
    type = "unsupported-media-type"


class Unavailable(ApiError):
    """The database cannot be reached: the client should retry after `retry_after` seconds."""

    status_code = 503
    type = "unavailable"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class InvalidInput(ApiError):
    status_code = 422
    type = "validation"

    @classmethod
    def from_msgspec(cls, exc: msgspec.ValidationError) -> "InvalidInput":
        """`Expected int, got str - at $.rules[0].version` -> field `rules[0].version`."""
        message, _, at = str(exc).partition(" - at `$")
        path = at.rstrip("`").removeprefix(".")
        if named := _NAMED_FIELD.search(message):
            path = f"{path}.{named[1]}" if path else named[1]
        return cls(message, field=path or None)


_NAMED_FIELD = re.compile(r"(?:unknown|missing required) field `([^`]*)`")


class ConfigApiError(msgspec.Struct, kw_only=True, omit_defaults=True, rename={"request_id": "requestId"}):
    """The body of every non-2xx answer under `/v1beta`, as Segment's Config API answers."""

    error: str
    """What is wrong; a problem in the body starts with its path, e.g. `tracking_plan.rules.global: …`."""
    code: int
    """The gRPC status code."""
    request_id: str | None = None
    """The request's `X-Request-Id`, to find its log line."""


GRPC_CODES = {
    400: 3,
    401: 16,
    403: 7,
    404: 5,
    405: 12,
    409: 6,
    412: 9,
    413: 3,
    414: 3,
    415: 3,
    422: 3,
    429: 8,
    500: 13,
    503: 14,
}
"""The gRPC code of each HTTP status we answer."""
GRPC_STATUSES = {3: 400, 5: 404, 6: 409, 7: 403, 8: 429, 9: 412, 12: 405, 13: 500, 14: 503, 16: 401}
"""The HTTP status each gRPC code is answered with under `/v1beta`: invalid input of any kind is a 400."""
CONFIG_API_PREFIX = "/v1beta/"
