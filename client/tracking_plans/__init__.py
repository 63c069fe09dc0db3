"""A typed Python client for the tracking plan service: `TrackingPlans` (and `AsyncTrackingPlans` for asyncio).

    from tracking_plans import RuleInput, TrackingPlans

    with TrackingPlans(base_url="http://127.0.0.1:8000", token="tps_...") as client:
        plan = client.plans.create("Checkout")
        client.rules.upsert(plan.id, [RuleInput("TRACK", "Order Completed", 1, {"type": "object"})])
        for rule in client.rules.list(plan.id):
            print(rule.key, rule.json_schema_text)

Errors are exceptions (`ApiError` and its subclasses); lists are iterators that fetch pages as needed. The
generated low layer (`tracking_plans_client`) stays available as `client.low`.
"""

from tracking_plans.aio import AsyncTrackingPlans
from tracking_plans.client import TrackingPlans
from tracking_plans.errors import (
    ApiError,
    BadRequest,
    ConfigurationError,
    Conflict,
    ConnectionFailed,
    Forbidden,
    InvalidAnswer,
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    RateLimited,
    RulesBatchError,
    ServerError,
    Timeout,
    TrackingPlansError,
    TransportError,
    Unauthorized,
)
from tracking_plans.models import Export, Rule, RuleId, RuleInput, RulesChange, TrackingPlan
from tracking_plans.operations import Page
from tracking_plans.paging import AsyncPager, Pager

__all__ = [
    "ApiError",
    "AsyncPager",
    "AsyncTrackingPlans",
    "BadRequest",
    "ConfigurationError",
    "Conflict",
    "ConnectionFailed",
    "Export",
    "Forbidden",
    "InvalidAnswer",
    "InvalidInput",
    "NotFound",
    "Page",
    "Pager",
    "PayloadTooLarge",
    "PreconditionFailed",
    "RateLimited",
    "Rule",
    "RuleId",
    "RuleInput",
    "RulesBatchError",
    "RulesChange",
    "ServerError",
    "Timeout",
    "TrackingPlan",
    "TrackingPlans",
    "TrackingPlansError",
    "TransportError",
    "Unauthorized",
]
