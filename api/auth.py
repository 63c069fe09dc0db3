"""Bearer tokens: who is calling, and guards for what each role may do."""

import time
from typing import Any

from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from api.domain.tokens import Principal, Role, hash_secret
from api.errors import ApiError, Forbidden, Unauthorized
from api.operations.token_cache import TokenCache
from api.store import tokens

AUTHORIZATION = "Authorization"
SOURCE_AUTHORIZATION = "X-Source-Authorization"
"""A second token, of another workspace, that proves read access to the source of a copy."""


def bearer_secret(header: str | None, field: str, error: type[ApiError]) -> str:
    """Returns the secret of a `Bearer <secret>` header; raises `error` naming `field` when missing or malformed."""
    if not header:
        raise error(f"Send a token as `{field}: Bearer <token>`.", field=field)
    scheme, _, secret = header.partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not secret or " " in secret:
        raise error(f"The {field} header must be `Bearer <token>`.", field=field)
    return secret


class BearerAuthentication(AbstractAuthenticationMiddleware):
    """Resolves `Authorization: Bearer <secret>` to a `Principal` on every request.

    Through the app's `TokenCache` (`app.state.token_cache`) when it has one: a query per token per second.
    """

    async def authenticate_request(self, connection: ASGIConnection[Any, Any, Any, Any]) -> AuthenticationResult:
        secret = bearer_secret(connection.headers.get(AUTHORIZATION), AUTHORIZATION, Unauthorized)
        cache: TokenCache | None = connection.app.state.get("token_cache")
        if cache is None:
            principal = await tokens.find_principal(connection.app.state.pool, secret)
        else:
            secret_hash = hash_secret(secret)
            if (principal := cache.get(secret_hash)) is None:
                read_since = time.monotonic()
                principal = await tokens.find_principal(connection.app.state.pool, secret)
                if principal is not None:
                    cache.put(secret_hash, principal, read_since)
        if principal is None:
            raise Unauthorized("The token is unknown or has been revoked.", field=AUTHORIZATION)
        return AuthenticationResult(user=principal, auth=None)


def forget_token(state: State, token_id: str) -> None:
    """After a revocation: this worker refuses the token from its next request on, not a second later."""
    cache: TokenCache | None = state.get("token_cache")
    if cache is not None:
        cache.forget(token_id)


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
