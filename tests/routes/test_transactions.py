"""The request's transaction: a write that meets a deadlock rolls back whole and answers 409, asking for a retry.

Races rarely produce a deadlock on cue, so this drives the mechanism itself: a handler on the app's own
dependencies and error handler whose statement fails as PostgreSQL fails the loser of a deadlock.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from litestar import Litestar, post
from litestar.testing import TestClient

from api.routes.dependencies import DEPENDENCIES, Transaction
from api.routes.errors import render_error
from api.store.database import create_pool

TABLE = "rolled_back_by_a_deadlock"


@post("/tables", status_code=200)
async def create_then_meet_a_deadlock(conn: Transaction) -> None:
    await conn.execute(f"CREATE TABLE {TABLE} (id int)")
    raise asyncpg.exceptions.DeadlockDetectedError("deadlock detected")


def test_a_write_that_meets_a_deadlock_rolls_back_and_answers_409(database_url: str) -> None:
    @asynccontextmanager
    async def pool(app: Litestar) -> AsyncIterator[None]:
        app.state.pool = await create_pool(database_url, 2)
        yield
        await app.state.pool.close()

    app = Litestar(
        [create_then_meet_a_deadlock],
        dependencies=DEPENDENCIES,
        exception_handlers={Exception: render_error},
        lifespan=[pool],
    )
    with TestClient(app) as client:
        answer = client.post("/tables")

    assert answer.status_code == 409
    assert "retry" in answer.json()["errors"][0]["message"]

    async def table_exists() -> bool:
        conn = await asyncpg.connect(database_url)
        try:
            return bool(await conn.fetchval("SELECT to_regclass($1) IS NOT NULL", TABLE))
        finally:
            await conn.close()

    assert not asyncio.run(table_exists())
