"""The lean reference: the same plan rows read with one asyncpg query each and encoded with msgspec, no auth.

What a read of the service could cost at least on this stack (Litestar on uvicorn, asyncpg, msgspec): the
service's own reads are measured as a share of these, and the constant handler of baseline_app is the floor.
"""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

import asyncpg
import msgspec
from litestar import Litestar, Response, get
from litestar.datastructures import State

COLUMNS = "plan_id, resource_schema_id, name, slug, description, type, revision, created_at, updated_at"
PAGE = 200


class Plan(msgspec.Struct, kw_only=True, rename="camel"):
    """The fields the service answers for a plan, under the same names."""

    id: str
    resource_schema_id: str
    name: str
    slug: str
    description: str | None
    type: str
    version: int
    created_at: datetime
    updated_at: datetime


def _plan(row: asyncpg.Record) -> Plan:
    return Plan(
        id=row["plan_id"],
        resource_schema_id=row["resource_schema_id"],
        name=row["name"],
        slug=row["slug"],
        description=row["description"],
        type=row["type"],
        version=row["revision"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


@get("/plans/{plan_id:str}")
async def get_plan(plan_id: str, state: State) -> Response[bytes]:
    row = await state.pool.fetchrow(f"SELECT {COLUMNS} FROM tracking_plans WHERE plan_id = $1", plan_id)
    return Response(msgspec.json.encode({"data": {"trackingPlan": _plan(row)}}), media_type="application/json")


@get("/plans")
async def list_plans(state: State) -> Response[bytes]:
    query = f"SELECT {COLUMNS} FROM tracking_plans ORDER BY created_at, plan_id LIMIT $1"
    rows = await state.pool.fetch(query, PAGE)
    body = {"data": {"trackingPlans": [_plan(row) for row in rows]}}
    return Response(msgspec.json.encode(body), media_type="application/json")


def create_reference_app() -> Litestar:
    """Factory for uvicorn; reads DATABASE_URL."""

    @asynccontextmanager
    async def pool(app: Litestar) -> AsyncIterator[None]:
        app.state.pool = await asyncpg.create_pool(os.environ["DATABASE_URL"], min_size=2, max_size=10)
        try:
            yield
        finally:
            await app.state.pool.close()

    return Litestar(route_handlers=[get_plan, list_plans], lifespan=[pool], debug=False)
