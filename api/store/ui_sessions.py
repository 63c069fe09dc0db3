"""Sessions of the web view: a browser signed in with a token, known by the hash of a random session id."""

from datetime import timedelta

from api.domain.tokens import Principal, hash_secret
from api.store import Db
from api.store.queries import converter, execute, fetchrow, fetchval, load

_SQL = load("ui_sessions.sql")
_principal = converter(Principal)


async def create_session(db: Db, principal: Principal, session_id: str, lifetime: timedelta) -> None:
    """Store a session of `principal`'s token that ends after `lifetime`; only the hash of `session_id` is kept."""
    await execute(
        db,
        _SQL["create_session"],
        workspace_id=principal.workspace_id,
        token_id=principal.token_id,
        session_hash=hash_secret(session_id),
        lifetime=lifetime,
    )


async def find_session_principal(db: Db, session_id: str) -> Principal | None:
    """Who a session belongs to; None when it is unknown, expired, or its token was revoked."""
    row = await fetchrow(db, _SQL["get_session_principal"], session_hash=hash_secret(session_id))
    return None if row is None else _principal(row)


async def delete_session(db: Db, session_id: str) -> None:
    """End a session; an unknown one is already ended."""
    await execute(db, _SQL["delete_session"], session_hash=hash_secret(session_id))


async def csrf_key(db: Db) -> str:
    """The key that signs the web view's CSRF tokens, the same for every worker and replica."""
    key: str = await fetchval(db, _SQL["get_key"], name="csrf")
    return key
