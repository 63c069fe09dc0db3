"""Workspaces and their first owner token."""

import asyncpg

from api.domain.ids import new_id
from api.domain.tokens import IssuedToken, Role
from api.domain.workspaces import Workspace
from api.errors import Conflict, NotFound
from api.store import Connection, Db, queries, tokens

_SQL = queries.load("workspaces.sql")


async def create_workspace(conn: Connection, slug: str, name: str) -> tuple[Workspace, IssuedToken]:
    """Create a workspace with an owner token, in one transaction."""
    workspace = Workspace(id=new_id("ws"), slug=slug, name=name)
    async with conn.transaction():
        try:
            await conn.execute(_SQL["insert_workspace"], workspace.id, slug, name)
        except asyncpg.UniqueViolationError:
            raise Conflict(f"The workspace slug {slug!r} is taken.", subject="workspace slug") from None
        token = await tokens.create_token(conn, workspace.id, "owner", Role.WORKSPACE_OWNER)
    return workspace, token


async def get_workspace_by_slug(db: Db, slug: str) -> Workspace:
    row = await db.fetchrow(_SQL["get_workspace_by_slug"], slug)
    if row is None:
        raise NotFound(f"No workspace has the slug {slug!r}.", subject="workspace")
    return Workspace(id=row["workspace_id"], slug=row["slug"], name=row["name"])


async def count_workspaces(db: Db) -> int:
    count: int = await db.fetchval(_SQL["count_workspaces"])
    return count
