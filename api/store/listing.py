"""Keyset pages, written once for every listing: plans, sources, transformations, rules and the changelog.

A listing `x` has two queries, `list_x_after` and `list_x_before`, that take its filters, the
position of the page's edge (null for the first page) and a `row_limit`, and a `count_x` that takes
the filters. A page fetches one row more than it shows, to know whether there is more.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol, TypeVar, cast

import asyncpg

from api.domain.pagination import CreatedPosition, PageRequest, Pagination, RowPosition, paginate
from api.store import Db
from api.store.queries import Query, fetch, fetchval

T = TypeVar("T")


async def keyset_page(
    db: Db,
    queries: dict[str, Query],
    listing: str,
    page: PageRequest,
    read: Callable[[asyncpg.Record], T],
    position_of: Callable[[T], Any] | None = None,
    total: int | None = None,
    **filters: Any,
) -> tuple[list[T], Pagination]:
    """Returns one page of `listing`, in its order, by keyset: a page costs the same anywhere in the listing.

    `read` makes a row into an item. Items stand by (created_at, id), which the queries take as
    `created_at` and `id`; or, with `position_of` (the item's row id), by row id, taken as `row_id`.
    `total` spares counting the listing.
    """
    edge: dict[str, Any]
    if position_of is None:
        created = page.position(CreatedPosition)
        edge = {"created_at": created and created.created_at, "id": created and created.id}
    else:
        edge = {"row_id": page.position(RowPosition)}
    backwards = page.cursor.direction == "before"
    query = queries[f"list_{listing}_before" if backwards else f"list_{listing}_after"]
    rows = await fetch(db, query, **filters, **edge, row_limit=page.count + 1)
    if backwards:
        rows.reverse()
    if total is None:
        total = await fetchval(db, queries[f"count_{listing}"], **filters)
    return paginate(
        [read(row) for row in rows], page, total, position_of or cast(Callable[[T], Any], _created_position)
    )


class Created(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...


def _created_position(item: Created) -> CreatedPosition:
    """Returns where an item of a listing by (created_at, id) stands."""
    return CreatedPosition(item.created_at, item.id)
