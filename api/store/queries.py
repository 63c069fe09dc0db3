"""Named SQL queries with named parameters, loaded once from the `.sql` files beside this module.

Each query starts with a `-- name --` header line, then one comment line saying what it does.
Parameters are written `%(name)s`, as procrastinate writes them, and become asyncpg's `$1…$n`
when the file is loaded; a call passes them by name: `await fetch(db, SQL["get_plan"], plan_id=…)`.
Rows become Structs through `msgspec.convert` (see `converter`).
"""

import re
from collections.abc import Callable
from importlib import resources
from typing import Any, TypeVar

import asyncpg
import msgspec

from api.store import Db

_HEADER = re.compile(r"^-- (\w+) --$", re.MULTILINE)
_PARAMETER = re.compile(r"%\((\w+)\)s")

T = TypeVar("T", bound=msgspec.Struct)


class Query(msgspec.Struct, frozen=True):
    """One named query: its SQL with `$n` placeholders, and the name each `$n` stands for."""

    name: str
    sql: str
    parameters: tuple[str, ...]

    def arguments(self, values: dict[str, Any]) -> list[Any]:
        """Returns the values in placeholder order; a missing or unexpected name is a bug, raised as TypeError."""
        if values.keys() != set(self.parameters):
            raise TypeError(f"{self.name} takes {sorted(self.parameters)}, not {sorted(values)}")
        return [values[name] for name in self.parameters]


def _compile(name: str, text: str) -> Query:
    parameters: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        if match[1] not in parameters:
            parameters.append(match[1])
        return f"${parameters.index(match[1]) + 1}"

    return Query(name=name, sql=_PARAMETER.sub(placeholder, text.strip()), parameters=tuple(parameters))


def load(filename: str) -> dict[str, Query]:
    """Returns the queries of `sql/<filename>`, by name."""
    text = resources.files("api.store").joinpath("sql", filename).read_text()
    parts = _HEADER.split(text)[1:]
    return {name: _compile(name, body) for name, body in zip(parts[::2], parts[1::2], strict=True)}


async def fetch(db: Db, query: Query, **values: Any) -> list[asyncpg.Record]:
    """Returns every row of `query`."""
    return await db.fetch(query.sql, *query.arguments(values))


async def fetchrow(db: Db, query: Query, **values: Any) -> asyncpg.Record | None:
    """Returns the first row of `query`, or None."""
    return await db.fetchrow(query.sql, *query.arguments(values))


async def fetchval(db: Db, query: Query, **values: Any) -> Any:
    """Returns the first column of the first row of `query`, or None."""
    return await db.fetchval(query.sql, *query.arguments(values))


async def execute(db: Db, query: Query, **values: Any) -> None:
    await db.execute(query.sql, *query.arguments(values))


def converter(into: type[T], **columns: str | Callable[[asyncpg.Record], Any]) -> Callable[[asyncpg.Record], T]:
    """Returns a function that makes a row into `into` with `msgspec.convert` (which also checks the types).

    Each field is read from the column of its (Python) name, or as `columns` says: from the column it
    names, or computed from the row by the function it gives.
    """
    fields = into.__struct_fields__
    read = {
        encoded: columns.get(name, name) for name, encoded in zip(fields, into.__struct_encode_fields__, strict=True)
    }
    named = [(encoded, column) for encoded, column in read.items() if isinstance(column, str)]
    computed = [(encoded, column) for encoded, column in read.items() if not isinstance(column, str)]

    def convert(row: asyncpg.Record) -> T:
        values = {encoded: row[column] for encoded, column in named}
        for encoded, compute in computed:
            values[encoded] = compute(row)
        return msgspec.convert(values, into)

    return convert
