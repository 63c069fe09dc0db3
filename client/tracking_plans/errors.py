"""The exceptions the client raises: one hierarchy, every error naming the URL and what happened.

`ApiError` and its subclasses are answers of the server (the envelope `{"errors": [{type, message, field?,
status}]}` of the Public API, or `{"error", "code"}` of the Config API); `TransportError` and its subclasses are
calls that got no usable answer; `ConfigurationError` is a client set up wrongly. All derive from
`TrackingPlansError`, so one `except` catches everything the client raises.
"""

from __future__ import annotations


class TrackingPlansError(Exception):
    """Anything the client raises."""


class ConfigurationError(TrackingPlansError, ValueError):
    """The client was given a base URL, token or argument it cannot work with; no request was sent."""


class TransportError(TrackingPlansError):
    """A call that got no usable answer: refused connection, timeout, or a body that is not the API's JSON."""

    def __init__(self, message: str, *, method: str, url: str) -> None:
        super().__init__(f"{method} {url}: {message}")
        self.method = method
        """The HTTP method of the call."""
        self.url = url
        """The full URL called."""


class ConnectionFailed(TransportError):
    """No connection to the server (refused, unknown host, reset)."""


class Timeout(TransportError):
    """The server did not answer within the client's timeout."""


class InvalidAnswer(TransportError):
    """The server answered something that is not the API's JSON (an HTML page of a proxy, an empty body)."""

    def __init__(self, message: str, *, method: str, url: str, status: int) -> None:
        super().__init__(message, method=method, url=url)
        self.status = status
        """The HTTP status of the answer."""


class ApiError(TrackingPlansError):
    """An error answer of the API, with the envelope's first error."""

    status: int = 0
    """The HTTP status; each subclass stands for one (0 here: any other)."""

    def __init__(
        self,
        message: str,
        *,
        type: str,
        status: int,
        field: str | None = None,
        request_id: str | None = None,
        method: str = "",
        url: str = "",
    ) -> None:
        where = f"{method} {url}: " if url else ""
        at = f" (field {field})" if field else ""
        super().__init__(f"{where}{status} {type}: {message}{at}")
        self.message = message
        """The envelope's `message`."""
        self.type = type
        """The envelope's `type`, e.g. `not-found`, or the Config API's gRPC code as `code-5`."""
        self.status = status
        self.field = field
        """The envelope's `field`: the body path, parameter or header at fault; None when absent."""
        self.request_id = request_id
        """The server's `X-Request-Id`, when it sends one."""
        self.method = method
        self.url = url


class BadRequest(ApiError):
    """400: the request could not be read (bad JSON, a limit such as 200 rules per call)."""

    status = 400


class Unauthorized(ApiError):
    """401: no token, or one the server does not know (revoked, mistyped)."""

    status = 401


class Forbidden(ApiError):
    """403: the token's role may not do this."""

    status = 403


class NotFound(ApiError):
    """404: no such resource in the token's workspace."""

    status = 404


class Conflict(ApiError):
    """409: the change conflicts with what exists (a duplicate, an idempotency key reused with another body)."""

    status = 409


class PreconditionFailed(ApiError):
    """412: `If-Match` named a revision the plan is no longer at; read it again and retry."""

    status = 412


class PayloadTooLarge(ApiError):
    """413: the body is over the server's limit."""

    status = 413


class InvalidInput(ApiError):
    """422 (and 415): a value breaks the schema or a rule check; `field` says where."""

    status = 422


class RateLimited(ApiError):
    """429, after the client's retries: `retry_after` is the wait the server asked for, in seconds."""

    status = 429

    def __init__(
        self,
        message: str,
        *,
        type: str,
        status: int,
        field: str | None = None,
        request_id: str | None = None,
        method: str = "",
        url: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, type=type, status=status, field=field, request_id=request_id, method=method, url=url)
        self.retry_after = retry_after
        """Seconds to wait before trying again, from `Retry-After`; None when the server did not say."""


class ServerError(ApiError):
    """5xx: the server failed (503 after the client's retries: the database is unreachable)."""

    status = 500


class RulesBatchError(ApiError):
    """A rules write split into batches failed part-way; the batches before the failing one were applied.

    Carries the failing call's error (`cause`, also `type`, `message`, `field`, `status`), which batches were
    applied (`applied`, 1-based numbers) and, when the server named one, the rule at fault (`rule_index` in the
    list given, `rule` its identity).
    """

    def __init__(
        self,
        cause: ApiError,
        *,
        operation: str,
        applied: list[int],
        failed: int,
        total: int,
        rule_index: int | None,
        rule: str | None,
    ) -> None:
        done = f"batches {', '.join(map(str, applied))} of {total} were applied" if applied else "nothing was applied"
        culprit = f"; rule #{rule_index} ({rule}) was refused" if rule is not None else ""
        message = f"{operation}: batch {failed} of {total} failed ({done}){culprit}: {cause.message}"
        super().__init__(
            message,
            type=cause.type,
            status=cause.status,
            field=cause.field,
            request_id=cause.request_id,
            method=cause.method,
            url=cause.url,
        )
        self.cause = cause
        """The error of the failing call."""
        self.applied = applied
        """1-based numbers of the batches the server applied before the failure."""
        self.failed = failed
        """1-based number of the batch that failed."""
        self.rule_index = rule_index
        """0-based index, in the rules given, of the rule the server refused; None when it named none."""
        self.rule = rule
        """That rule's identity, e.g. `TRACK Order Completed v1`."""


BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    412: PreconditionFailed,
    413: PayloadTooLarge,
    415: InvalidInput,
    422: InvalidInput,
    429: RateLimited,
}
"""The exception for each status; other 4xx are `ApiError`, 5xx `ServerError`."""
