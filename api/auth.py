"""Bearer tokens: who is calling, and guards for what each role may do."""

from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from api.domain.tokens import Principal, Role
from api.errors import Forbidden, Unauthorized
from api.store import tokens

AUTHORIZATION = "Authorization"


class BearerAuthentication(AbstractAuthenticationMiddleware):
    """Resolves `Authorization: Bearer <secret>` to a `Principal` on every request."""

    async def authenticate_request(self, connection: ASGIConnection[Any, Any, Any, Any]) -> AuthenticationResult:
        header = connection.headers.get(AUTHORIZATION)
        if not header:
            raise Unauthorized("Send a token as `Authorization: Bearer <token>`.", field=AUTHORIZATION)
        scheme, _, secret = header.partition(" ")
        secret = secret.strip()
        if scheme.lower() != "bearer" or not secret or " " in secret:
            raise Unauthorized("The Authorization header must be `Bearer <token>`.", field=AUTHORIZATION)
        principal = await tokens.find_principal(connection.app.state.pool, secret)
        if principal is None:
            raise Unauthorized("The token is unknown or has been revoked.", field=AUTHORIZATION)
        return AuthenticationResult(user=principal, auth=None)


def _allow(*roles: Role, what: str) -> Any:
    def guard(connection: ASGIConnection[Any, Principal, Any, Any], _: BaseRouteHandler) -> None:
        if connection.user.role not in roles:
            raise Forbidden(f"A {connection.user.role} token may not {what}.")

    return guard


may_manage_plans = _allow(Role.WORKSPACE_OWNER, Role.PROTOCOLS_ADMIN, what="change tracking plans")
"""Guard: owners and Protocols admins."""
may_manage_sources = _allow(Role.WORKSPACE_OWNER, Role.PROTOCOLS_ADMIN, what="change sources or their settings")
"""Guard: owners and Protocols admins."""
may_manage_tokens = _allow(Role.WORKSPACE_OWNER, what="manage tokens")
"""Guard: owners only."""
may_manage_transformations = _allow(Role.WORKSPACE_OWNER, what="create, change or delete transformations")
"""Guard: owners only; every role reads transformations."""
