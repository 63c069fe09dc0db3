"""Tracking plans: their wire models and naming rules."""

import enum
import re
import unicodedata
from datetime import datetime
from typing import Annotated

import msgspec

PlanName = Annotated[
    str,
    msgspec.Meta(min_length=1, max_length=200, pattern=r"\S", description="Display name; not blank, ≤ 200 characters."),
]
PlanDescription = Annotated[str, msgspec.Meta(max_length=2000)]


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


class StoredPlan(msgspec.Struct, kw_only=True):
    """A plan and the revision that `ETag` and `If-Match` speak of."""

    plan: TrackingPlan
    revision: int


class CreateTrackingPlan(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: PlanName
    description: PlanDescription | None = None
    type: PlanType


class UpdateTrackingPlan(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Fields absent from the body stay as they are; `description: null` clears it."""

    name: PlanName | msgspec.UnsetType = msgspec.UNSET
    description: PlanDescription | msgspec.UnsetType | None = msgspec.UNSET


def slugify(name: str) -> str:
    """`Checkout Flow (v2)` -> `checkout-flow-v2`; ASCII, lower case, words joined by dashes."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:100].rstrip("-") or "plan"
