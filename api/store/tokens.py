"""Bearer tokens, stored by the hash of their secret."""

from api.domain.ids import new_id
from api.domain.tokens import IssuedToken, Principal, Role, Token, hash_secret, new_secret
from api.errors import NotFound
from api.store import Db, queries

_SQL = queries.load("tokens.sql")


async def create_token(db: Db, workspace_id: str, name: str, role: Role) -> IssuedToken:
    """Store a new token; its secret is in the answer and nowhere else."""
    secret = new_secret()
    row = await db.fetchrow(_SQL["insert_token"], workspace_id, new_id("tok"), name, role, hash_secret(secret))
    assert row is not None
    return IssuedToken(
        id=row["token_id"], name=row["name"], role=Role(row["role"]), created_at=row["created_at"], secret=secret
    )


async def find_principal(db: Db, secret: str) -> Principal | None:
    """Who holds `secret`, or None when no live token has it."""
    row = await db.fetchrow(_SQL["get_principal"], hash_secret(secret))
    if row is None:
        return None
    return Principal(
        token_id=row["token_id"],
        token_name=row["token_name"],
        role=Role(row["role"]),
        workspace_id=row["workspace_id"],
        workspace_slug=row["workspace_slug"],
        workspace_name=row["workspace_name"],
    )


async def list_tokens(db: Db, workspace_id: str) -> list[Token]:
    rows = await db.fetch(_SQL["list_tokens"], workspace_id)
    return [Token(id=r["token_id"], name=r["name"], role=Role(r["role"]), created_at=r["created_at"]) for r in rows]


async def delete_token(db: Db, workspace_id: str, token_id: str) -> None:
    """Revoke a token at once: the next request that carries it is refused."""
    if await db.fetchval(_SQL["delete_token"], workspace_id, token_id) is None:
        raise NotFound(f"No token {token_id!r} in this workspace.", subject="token")
