"""Workspaces and their first owner token."""

import asyncpg

from api.domain.ids import new_id
from api.domain.tokens import IssuedToken, Role
from api.domain.workspaces import Workspace
from api.errors import Conflict, NotFound
from api.store import Connection, Db, tokens
from api.store.queries import converter, execute, fetchrow, fetchval, load

_SQL = load("workspaces.sql")
_workspace = converter(Workspace, id="workspace_id")


async def create_workspace(conn: Connection, slug: str, name: str) -> tuple[Workspace, IssuedToken]:
    """Create a workspace with an owner token, in one transaction."""
    workspace = Workspace(id=new_id("ws"), slug=slug, name=name)
    async with conn.transaction():
        try:
            await execute(conn, _SQL["insert_workspace"], workspace_id=workspace.id, slug=slug, name=name)
        except asyncpg.UniqueViolationError:
            raise Conflict(f"The workspace slug {slug!r} is taken.", subject="workspace slug") from None
        token = await tokens.create_token(conn, workspace.id, "owner", Role.WORKSPACE_OWNER)
    return workspace, token


async def get_workspace_by_slug(db: Db, slug: str) -> Workspace:
    row = await fetchrow(db, _SQL["get_workspace_by_slug"], slug=slug)
    if row is None:
        raise NotFound(f"No workspace has the slug {slug!r}.", subject="workspace")
    return _workspace(row)


async def count_workspaces(db: Db) -> int:
    count: int = await fetchval(db, _SQL["count_workspaces"])
    return count
