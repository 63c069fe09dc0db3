"""Tracking plans: their wire models and naming rules."""

import enum
from datetime import datetime

import msgspec

from api.domain.names import Description, DisplayName
from api.errors import Conflict


class PlanType(enum.StrEnum):
    LIVE = "LIVE"
    RULE_LIBRARY = "RULE_LIBRARY"
    PROPERTY_LIBRARY = "PROPERTY_LIBRARY"
    TEMPLATE = "TEMPLATE"
    ENGAGE = "ENGAGE"


LIBRARY_TYPES = frozenset({PlanType.RULE_LIBRARY, PlanType.PROPERTY_LIBRARY})


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

    def check_connectable(self) -> None:
        """Libraries hold reusable rules for other plans; events are never checked against them."""
        if self.type in LIBRARY_TYPES:
            raise Conflict(f"Tracking plan {self.id!r} is a {self.type}; only other plans take sources.")


class StoredPlan(msgspec.Struct, kw_only=True):
    """A plan and the revision that `ETag` and `If-Match` speak of."""

    plan: TrackingPlan
    revision: int
    live_rule_count: int
    """How many live rules the plan has, kept by every rules write (so listing them needs no count)."""


class CreateTrackingPlan(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: DisplayName
    description: Description | None = None
    type: PlanType


class UpdateTrackingPlan(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Fields absent from the body stay as they are; `description: null` clears it."""

    name: DisplayName | msgspec.UnsetType = msgspec.UNSET
    description: Description | msgspec.UnsetType | None = msgspec.UNSET
