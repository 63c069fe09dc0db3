"""API tokens of the workspace (owners only): `/tokens`."""

from typing import Annotated

import msgspec
from litestar import Controller, delete, get, post
from litestar.datastructures import State
from litestar.params import JSONBody, PathParameter

from api.auth import forget_token, may_manage_tokens
from api.domain.ids import ID_PATTERN
from api.domain.tokens import CreateToken, IssuedToken, Token
from api.routes.dependencies import Caller, Pool
from api.routes.responses import SUCCESS, WITH_BODY, StatusResponse, errors
from api.store import tokens


class TokenData(msgspec.Struct, kw_only=True):
    token: IssuedToken


class TokenResponse(msgspec.Struct, kw_only=True):
    data: TokenData


class TokensData(msgspec.Struct, kw_only=True):
    tokens: list[Token]


class TokensResponse(msgspec.Struct, kw_only=True):
    data: TokensData


TokenId = Annotated[str, PathParameter(pattern=ID_PATTERN, description="The token's `tok_` id.")]


class TokenController(Controller):
    path = "/tokens"
    tags = ["Tokens"]
    guards = [may_manage_tokens]

    @post("/", operation_id="createToken", status_code=200, responses=errors(403, *WITH_BODY))
    async def create_token(self, data: JSONBody[CreateToken], principal: Caller, pool: Pool) -> TokenResponse:
        """Create a token in this workspace; its `secret` is in this answer only."""
        token = await tokens.create_token(pool, principal.workspace_id, data.name, data.role)
        return TokenResponse(data=TokenData(token=token))

    @get("/", operation_id="listTokens", responses=errors(403))
    async def list_tokens(self, principal: Caller, pool: Pool) -> TokensResponse:
        """Every token of this workspace, without secrets."""
        return TokensResponse(data=TokensData(tokens=await tokens.list_tokens(pool, principal.workspace_id)))

    @delete("/{tokenId:str}", operation_id="deleteToken", status_code=200, responses=errors(403, 404))
    async def delete_token(self, tokenId: TokenId, principal: Caller, pool: Pool, state: State) -> StatusResponse:
        """Revoke a token; requests that carry it are refused from now on."""
        await tokens.delete_token(pool, principal.workspace_id, tokenId)
        forget_token(state, tokenId)
        return SUCCESS
