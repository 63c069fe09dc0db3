"""Workspaces: the tenants of the service."""

from typing import Annotated

import msgspec

WorkspaceSlug = Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=r"^[a-z0-9][a-z0-9-]*$")]


class Workspace(msgspec.Struct, kw_only=True):
    id: str
    slug: str
    name: str
