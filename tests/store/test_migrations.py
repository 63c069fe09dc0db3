"""Migrations: forward only, idempotent, safe when several processes start at once."""

import asyncio
import os
from pathlib import Path

import asyncpg

from api.store.migrations import available, migrate
from tests.store.conftest import schema_sql

SCHEMA_SQL = Path(__file__).parents[2] / "api" / "store" / "schema.sql"

SCHEMA = """
SELECT table_name, column_name, data_type, is_nullable
FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
"""


async def _schema(dsn: str) -> list[tuple[str, ...]]:
    conn = await asyncpg.connect(dsn)
    try:
        return [tuple(row) for row in await conn.fetch(SCHEMA)]
    finally:
        await conn.close()


def test_migrating_twice_is_a_no_op(empty_database: str) -> None:
    first = asyncio.run(migrate(empty_database))
    schema = asyncio.run(_schema(empty_database))

    second = asyncio.run(migrate(empty_database))

    assert first == [f"{version:04d}_{name}" for version, name, _ in available()]
    assert second == []
    assert asyncio.run(_schema(empty_database)) == schema


def test_concurrent_migrations_apply_each_once(empty_database: str) -> None:
    async def race() -> list[list[str]]:
        return list(await asyncio.gather(*(migrate(empty_database) for _ in range(4))))

    results = asyncio.run(race())

    assert sorted(len(applied) for applied in results) == [0, 0, 0, len(available())]


def test_every_tenant_table_carries_workspace_id(empty_database: str) -> None:
    asyncio.run(migrate(empty_database))
    columns = asyncio.run(_schema(empty_database))

    # the service's own bookkeeping, of no tenant: applied migrations, the key that signs the web view's CSRF tokens
    tables = {table for table, *_ in columns} - {"schema_migrations", "ui_keys"}
    assert tables >= {"workspaces", "tokens", "tracking_plans", "idempotency_keys"}
    for table in tables:
        assert (table, "workspace_id") in {(t, c) for t, c, *_ in columns}, table


def test_the_migrations_produce_exactly_the_checked_in_schema(empty_database: str) -> None:
    asyncio.run(migrate(empty_database))
    produced = asyncio.run(schema_sql(empty_database))

    if os.environ.get("UPDATE_SCHEMA") == "1":
        SCHEMA_SQL.write_text(produced)
    # a migration that changes the schema changes schema.sql with it, so a review sees the schema it leaves
    assert produced == SCHEMA_SQL.read_text(), "the migrations changed the schema: run `make schema` and review it"
