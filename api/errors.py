"""One error hierarchy, free of HTTP frameworks: each error carries its status and Segment's error `type`.

The domain, the store and the services raise these; each API renders them in its own shape
(`api.routes.errors` for the Public API's envelope, `api.routes.config_api` for the Config API's).
The store names no input: it says what an error is about (`subject`, a term of the product such as
`plan` or `source`), and each API's renderer names the input that carries it (`trackingPlanId`, `source_name`).
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

import msgspec


class ApiError(Exception):
    """Base of every error the API answers on purpose."""

    status_code: ClassVar[int] = 500
    """HTTP status of the answer."""
    type: ClassVar[str] = "internal"
    """Segment error `type`."""

    def __init__(self, message: str, *, field: str | None = None, subject: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        """The offending input in the request's own terms (a body path such as `rules[3].key`), when known."""
        self.subject = subject
        """What the error is about (`plan`, `source`, …), for the API to name the input when `field` is None."""


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


@contextmanager
def regarding(subject: str, instead_of: str = "plan") -> Iterator[None]:
    """Errors about `instead_of` raised inside are about `subject`: a plan that is a copy's target, a library."""
    try:
        yield
    except ApiError as exc:
        if exc.subject == instead_of and exc.field is None:
            exc.subject = subject
        raise
