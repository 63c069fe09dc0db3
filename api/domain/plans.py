"""Tracking plans: their wire models and naming rules."""

import enum
from datetime import datetime
from typing import Annotated

import msgspec

from api.domain.ids import ID_PATTERN
from api.domain.names import Description, DisplayName


class PlanType(enum.StrEnum):
    LIVE = "LIVE"
    RULE_LIBRARY = "RULE_LIBRARY"
    PROPERTY_LIBRARY = "PROPERTY_LIBRARY"
    TEMPLATE = "TEMPLATE"
    ENGAGE = "ENGAGE"


class TrackingPlan(msgspec.Struct, kw_only=True, rename="camel"):
    """A tracking plan as the Public API shows it."""

    id: str
    """Its `tp_…` id."""
    resource_schema_id: str
    """The same plan's `rs_…` id in the Config API."""
    name: str
    slug: str
    description: str | None
    type: PlanType
    created_at: datetime
    updated_at: datetime


class PlanPosition(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """Where a page of plans starts or ends: plans are listed by (created_at, id)."""

    created_at: datetime
    id: Annotated[str, msgspec.Meta(pattern=ID_PATTERN)]

    def __post_init__(self) -> None:
        # a forged cursor could name an instant PostgreSQL cannot hold; plans are made from 2000 on
        if self.created_at.tzinfo is None or not 2000 <= self.created_at.year <= 9000:
            raise ValueError("not a position of this listing")


class StoredPlan(msgspec.Struct, kw_only=True):
    """A plan and the revision that `ETag` and `If-Match` speak of."""

    plan: TrackingPlan
    revision: int
    live_rule_count: int = 0
    """How many live rules the plan has (read where the listing needs it)."""


class CreateTrackingPlan(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: DisplayName
    description: Description | None = None
    type: PlanType


class UpdateTrackingPlan(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Fields absent from the body stay as they are; `description: null` clears it."""

    name: DisplayName | msgspec.UnsetType = msgspec.UNSET
    description: Description | msgspec.UnsetType | None = msgspec.UNSET
