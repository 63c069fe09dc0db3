"""Bearer tokens, stored by the hash of their secret."""

import msgspec

from api.domain.ids import new_id
from api.domain.tokens import IssuedToken, Principal, Role, Token, hash_secret, new_secret
from api.errors import NotFound
from api.store import Db
from api.store.queries import converter, fetch, fetchrow, fetchval, load

_SQL = load("tokens.sql")
_token = converter(Token, id="token_id")
_principal = converter(Principal)


async def create_token(db: Db, workspace_id: str, name: str, role: Role) -> IssuedToken:
    """Store a new token; returns it with its secret, which is stored nowhere."""
    secret = new_secret()
    row = await fetchrow(
        db,
        _SQL["insert_token"],
        workspace_id=workspace_id,
        token_id=new_id("tok"),
        name=name,
        role=role,
        secret_hash=hash_secret(secret),
    )
    assert row is not None
    return IssuedToken(**msgspec.structs.asdict(_token(row)), secret=secret)


async def find_principal(db: Db, secret: str) -> Principal | None:
    """Returns who holds `secret`, or None when no live token has it."""
    row = await fetchrow(db, _SQL["get_principal"], secret_hash=hash_secret(secret))
    return None if row is None else _principal(row)


async def list_tokens(db: Db, workspace_id: str) -> list[Token]:
    return [_token(row) for row in await fetch(db, _SQL["list_tokens"], workspace_id=workspace_id)]


async def delete_token(db: Db, workspace_id: str, token_id: str) -> None:
    """Revoke a token at once: the next request that carries it is refused."""
    if await fetchval(db, _SQL["delete_token"], workspace_id=workspace_id, token_id=token_id) is None:
        raise NotFound(f"No token {token_id!r} in this workspace.", subject="token")
