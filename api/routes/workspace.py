"""The token's workspace: `GET /`."""

import msgspec
from litestar import get

from api.domain.workspaces import Workspace
from api.routes.dependencies import Caller
from api.routes.responses import errors


class WorkspaceData(msgspec.Struct, kw_only=True):
    workspace: Workspace


class WorkspaceResponse(msgspec.Struct, kw_only=True):
    data: WorkspaceData


@get("/", operation_id="getWorkspace", tags=["Workspaces"], responses=errors(), sync_to_thread=False)
def get_workspace(principal: Caller) -> WorkspaceResponse:
    """The workspace the token belongs to."""
    workspace = Workspace(id=principal.workspace_id, slug=principal.workspace_slug, name=principal.workspace_name)
    return WorkspaceResponse(data=WorkspaceData(workspace=workspace))
