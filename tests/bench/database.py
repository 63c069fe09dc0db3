"""A fresh database for one bench run, seeded through the store, and dropped afterwards."""

import asyncio
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from api.domain.plans import CreateTrackingPlan, PlanType
from api.store import plans, workspaces
from api.store.migrations import migrate

LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


@dataclass(frozen=True)
class Seeded:
    """What the load generator needs: a token and a plan of its workspace."""

    token: str
    plan_id: str
    plan_count: int


def server_dsn() -> str:
    """The PostgreSQL server to create the bench database on: `DATABASE_URL`, else the local one."""
    return os.environ.get("DATABASE_URL") or LOCAL_POSTGRES


async def _execute(dsn: str, sql: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@contextmanager
def fresh_database(server: str) -> Iterator[str]:
    """Create an empty database on `server`, answer its DSN, drop it on the way out (even on Ctrl-C)."""
    name = f"tp_bench_{secrets.token_hex(6)}"
    asyncio.run(_execute(server, f'CREATE DATABASE "{name}"'))
    try:
        yield urlunsplit(urlsplit(server)._replace(path="/" + name))
    finally:
        asyncio.run(_execute(server, f'DROP DATABASE "{name}" WITH (FORCE)'))


async def seed(dsn: str, plan_count: int) -> Seeded:
    """Migrate, then create one workspace with its owner token and `plan_count` tracking plans."""
    await migrate(dsn)
    conn = await asyncpg.connect(dsn)
    try:
        workspace, owner = await workspaces.create_workspace(conn, "bench", "Benchmark workspace")
        created = []
        for number in range(plan_count):
            new = CreateTrackingPlan(
                name=f"Checkout Flow {number:03d}",
                description="Events the web and iOS checkout send, from cart to order confirmation.",
                type=PlanType.LIVE,
            )
            created.append(await plans.create_plan(conn, workspace.id, new))
        # fresh statistics, so the planner sees the table as a running service would
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return Seeded(token=owner.secret, plan_id=created[0].plan.id, plan_count=plan_count)
