"""Signing in to the web view: a token entered once becomes a server-side session named by an HttpOnly cookie.

The cookie holds a random session id, never the token; the database keeps the id's SHA-256 beside the token's
id (`api.store.ui_sessions`), so revoking the token ends its sessions at once, on every worker. The cookie is
`HttpOnly`, `SameSite=Strict`, `Secure` when the request came over HTTPS (behind a proxy: when the proxy says so
in `X-Forwarded-Proto` and uvicorn trusts it, see `--forwarded-allow-ips`), and limited to `/ui`.
"""

import secrets
from datetime import timedelta
from typing import Any

from litestar import Request, Response
from litestar.datastructures import Cookie, State

from api.domain.tokens import Principal
from api.store import Pool, ui_sessions

UI_PATH = "/ui"
SESSION_COOKIE = "tp_session"
SESSION_LIFETIME = timedelta(hours=12)
"""How long a sign-in lasts; then the sign-in form again."""
_SESSION_ID = 43
"""Length of a session id: 32 random bytes in URL-safe base64."""


class SignInRequired(Exception):
    """No session, or one that ended (signed out, expired, its token revoked): the page answers the sign-in form."""


def session_id(request: Request[Any, Any, Any]) -> str | None:
    """The session id the browser sent, when it has the shape of one (anything else is not looked up)."""
    value = request.cookies.get(SESSION_COOKIE)
    return value if value is not None and len(value) == _SESSION_ID and value.isascii() else None


async def provide_viewer(request: Request[Any, Any, Any], state: State) -> Principal:
    """Who is looking: the principal of the session's token; raises SignInRequired without a live session."""
    found = session_id(request)
    principal = await ui_sessions.find_session_principal(state.pool, found) if found else None
    if principal is None:
        raise SignInRequired
    # the request's log line names the token, as the API's lines do
    request.scope["user"] = principal
    return principal


def provide_ui_pool(state: State) -> Pool:
    pool: Pool = state.pool
    return pool


async def start_session(pool: Pool, principal: Principal, response: Response[Any], https: bool) -> None:
    """Store a new session of `principal`'s token and set its cookie on `response`."""
    new_id = secrets.token_urlsafe(32)
    await ui_sessions.create_session(pool, principal, new_id, SESSION_LIFETIME)
    response.set_cookie(_cookie(new_id, https, int(SESSION_LIFETIME.total_seconds())))


async def end_session(pool: Pool, request: Request[Any, Any, Any], response: Response[Any]) -> None:
    """Delete the request's session (if any) and expire its cookie on `response`."""
    if (found := session_id(request)) is not None:
        await ui_sessions.delete_session(pool, found)
    response.set_cookie(_cookie("", request.url.scheme == "https", 0))


def _cookie(value: str, https: bool, max_age: int) -> Cookie:
    return Cookie(
        key=SESSION_COOKIE,
        value=value,
        path=UI_PATH,
        max_age=max_age,
        httponly=True,
        secure=https,
        samesite="strict",
    )
