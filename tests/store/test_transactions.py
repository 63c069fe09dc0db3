"""The store's transaction: a write that meets a deadlock rolls back whole and becomes a 409 asking for a retry.

Races rarely produce a deadlock on cue, so this drives the mechanism itself: a statement fails inside
`transaction` as PostgreSQL fails the loser of a deadlock.
"""

import asyncio

import asyncpg
import pytest

from api.errors import Conflict
from api.store.database import create_pool, transaction

TABLE = "rolled_back_by_a_deadlock"


def test_a_write_that_meets_a_deadlock_rolls_back_and_asks_for_a_retry(database_url: str) -> None:
    async def write_then_meet_a_deadlock() -> None:
        pool = await create_pool(database_url, 2)
        try:
            async with transaction(pool) as conn:
                await conn.execute(f"CREATE TABLE {TABLE} (id int)")
                raise asyncpg.exceptions.DeadlockDetectedError("deadlock detected")
        finally:
            await pool.close()

    with pytest.raises(Conflict) as raised:
        asyncio.run(write_then_meet_a_deadlock())

    assert "retry" in raised.value.message

    async def table_exists() -> bool:
        conn = await asyncpg.connect(database_url)
        try:
            return bool(await conn.fetchval("SELECT to_regclass($1) IS NOT NULL", TABLE))
        finally:
            await conn.close()

    assert not asyncio.run(table_exists())
