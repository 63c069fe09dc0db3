"""What handlers receive besides their body: the caller, the pool, a page, an expected revision; shared parameters."""

from typing import Annotated, Any

from litestar import Request
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import HeaderParameter, PathParameter, QueryParameter

from api.domain.ids import ID_PATTERN
from api.domain.pagination import FIRST_PAGE, MAX_PAGE_SIZE, PageRequest, decode_cursor
from api.domain.revisions import IF_MATCH, Precondition, parse_if_match
from api.domain.tokens import Principal
from api.errors import InvalidInput
from api.store import Pool as DatabasePool


def refuse_nul_characters(request: Request[Any, Any, Any]) -> None:
    """Refuses a path or query parameter holding a NUL character (`%00`) with a 422 naming it (as the filters
    that refuse other names no event can hold).

    PostgreSQL's text cannot hold NUL (its docs, "Character Types"), so such a value can match nothing stored;
    every router's `before_request` calls this before any handler reads its parameters.
    """
    for name, value in request.path_params.items():
        if isinstance(value, str) and "\0" in value:
            raise InvalidInput(f"The path parameter `{name}` contains a NUL character (%00).", field=name)
    for name, value in request.query_params.multi_items():
        if "\0" in name or "\0" in value:
            shown = name.replace("\0", "\\u0000")
            raise InvalidInput(f"The query parameter `{shown}` contains a NUL character (%00).", field=shown)


def provide_principal(request: Request[Principal, Any, Any]) -> Principal:
    return request.user


def provide_pool(state: State, principal: NamedDependency[Principal]) -> DatabasePool:
    """The pool; it names the caller only to be resolved after it, not beside it.

    Litestar resolves dependencies of one level concurrently, in an anyio task group with a task each: for the
    caller and the pool, that cost a read about a tenth of its time. Every call that reads is authenticated.
    """
    pool: DatabasePool = state.pool
    return pool


PageCount = Annotated[
    int | None,
    QueryParameter(
        name="pagination[count]",
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Items per page, 1 to {MAX_PAGE_SIZE}; {MAX_PAGE_SIZE} when absent.",
    ),
]
DottedPageCount = Annotated[
    int | None,
    # accepted because clients send it, left out of openapi.yaml so the document has one spelling per parameter
    QueryParameter(name="pagination.count", ge=1, le=MAX_PAGE_SIZE, include_in_schema=False),
]
PageCursor = Annotated[
    str | None,
    QueryParameter(
        name="pagination[cursor]",
        min_length=1,
        max_length=500,
        description="Opaque cursor from a previous answer's `pagination`.",
    ),
]
DottedPageCursor = Annotated[
    str | None,
    QueryParameter(name="pagination.cursor", min_length=1, max_length=500, include_in_schema=False),
]


def provide_page_request(
    count: PageCount = None,
    dotted_count: DottedPageCount = None,
    cursor: PageCursor = None,
    dotted_cursor: DottedPageCursor = None,
) -> PageRequest:
    """The page asked for, in either spelling clients use (`pagination[count]` or `pagination.count`)."""
    cursor_text = cursor or dotted_cursor
    return PageRequest(
        count=count or dotted_count or MAX_PAGE_SIZE, cursor=decode_cursor(cursor_text) if cursor_text else FIRST_PAGE
    )


IfMatch = Annotated[
    str | None,
    HeaderParameter(
        name=IF_MATCH,
        max_length=100,
        description="Apply only if the plan is still at this revision (its `ETag`); 412 otherwise.",
    ),
]


def provide_expected_revision(if_match: IfMatch = None) -> Precondition | None:
    """What `If-Match` asks for; None when absent or `*`. Raises nothing: the store checks it once the plan is found."""
    return parse_if_match(if_match)


def etag(revision: int) -> str:
    """Returns the `ETag` of a revision."""
    return f'"{revision}"'


TrackingPlanId = Annotated[str, PathParameter(pattern=ID_PATTERN, description="The plan's `tp_` id.")]
SourceId = Annotated[str, PathParameter(pattern=ID_PATTERN, description="The source's id.")]
DryRun = Annotated[
    bool, QueryParameter(name="dryRun", description="Run every check and answer what the call would do; write nothing.")
]


Caller = NamedDependency[Principal]
"""The principal of the request's token."""
Pool = NamedDependency[DatabasePool]
"""The pool: services open their transactions on it, store reads run on it."""
Page = NamedDependency[PageRequest]
ExpectedRevision = NamedDependency[Precondition | None]
"""What `If-Match` asks for, or None."""

DEPENDENCIES = {
    "principal": Provide(provide_principal, sync_to_thread=False),
    "pool": Provide(provide_pool, sync_to_thread=False),
    "page": Provide(provide_page_request, sync_to_thread=False),
    "expected_revision": Provide(provide_expected_revision, sync_to_thread=False),
}
"""Registered once on the app; a handler names the ones it needs."""
