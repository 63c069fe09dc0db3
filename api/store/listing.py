"""Keyset pages of listings ordered by (created_at, id): plans, sources, transformations."""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar

import asyncpg

from api.domain.pagination import CreatedPosition, PageRequest, Pagination, paginate
from api.store import Db


class Created(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...


T = TypeVar("T", bound=Created)


async def page_by_creation(
    db: Db,
    queries: dict[str, str],
    listing: str,
    filters: Sequence[Any],
    page: PageRequest,
    item: Callable[[asyncpg.Record], T],
) -> tuple[list[T], Pagination]:
    """One page of `listing`, oldest first, through its three queries.

    `list_<listing>_after` and `list_<listing>_before` take the filters, then the position's
    created_at and id (null for the first page), then a row limit; `count_<listing>` takes the filters.
    """
    position = page.position(CreatedPosition)
    args = [*filters, position and position.created_at, position and position.id, page.count + 1]
    if page.cursor.direction == "before":
        rows = list(reversed(await db.fetch(queries[f"list_{listing}_before"], *args)))
    else:
        rows = await db.fetch(queries[f"list_{listing}_after"], *args)
    total: int = await db.fetchval(queries[f"count_{listing}"], *filters)
    return paginate([item(row) for row in rows], page, total, lambda found: CreatedPosition(found.created_at, found.id))
