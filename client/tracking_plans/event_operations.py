"""The reads of what sources received through the HTTP Tracking API (violations, digest, delivery, debugger), as
`operations` has the rest of the Public API's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal, TypeVar

import httpx
from tracking_plans_client.models import DeliveryData, DigestViolation, EventViolations, ObservedEvent, RecentEvent

from tracking_plans.operations import MAX_PAGE_SIZE, Call, Listing, Page, checked_page_size, resource_path
from tracking_plans.transport import Request, data_of

T = TypeVar("T")
Window = Literal["1h", "24h", "7d"]
SchemaWindow = Literal["24h", "7d", "30d"]
EventType = Literal["track", "identify", "group", "page", "screen", "alias"]


def _listing(path: str, key: str, item: Callable[[Any], T], page_size: int, **filters: str | None) -> Listing[T]:
    params = {"pagination[count]": str(checked_page_size(page_size, MAX_PAGE_SIZE))}
    params |= {name: value for name, value in filters.items() if value is not None}
    return Listing(Request("GET", path, params=params), _page(key, item), _next)


def _page(key: str, item: Callable[[Any], T]) -> Callable[[httpx.Response, Any], Page[T]]:
    def page(_: httpx.Response, body: Any) -> Page[T]:
        data = body["data"]
        return Page([item(one) for one in data[key]], data["pagination"].get("totalEntries"), None)

    return page


def _next(request: Request, body: Any) -> Request | None:
    cursor = body["data"]["pagination"].get("next")  # absent on the last page
    return replace(request, params={**(request.params or {}), "pagination[cursor]": cursor}) if cursor else None


def plan_violations(plan_id: str, window: Window, page_size: int) -> Listing[EventViolations]:
    path = resource_path("/tracking-plans/{}/violations", plan_id)
    return _listing(path, "events", EventViolations.from_dict, page_size, window=window)


def source_violations(source_id: str, window: Window, event: str | None, page_size: int) -> Listing[EventViolations]:
    path = resource_path("/sources/{}/violations", source_id)
    return _listing(path, "events", EventViolations.from_dict, page_size, window=window, event=event)


def digest(page_size: int) -> Listing[DigestViolation]:
    return _listing("/violations/digest", "violations", DigestViolation.from_dict, page_size)


def delivery(source_id: str, window: Window) -> Call[DeliveryData]:
    request = Request("GET", resource_path("/sources/{}/delivery", source_id), params={"window": window})
    return Call(request, lambda response: DeliveryData.from_dict(data_of(response)["data"]))


def recent_events(source_id: str, page_size: int) -> Listing[RecentEvent]:
    path = resource_path("/sources/{}/events/recent", source_id)
    return _listing(path, "events", RecentEvent.from_dict, page_size)


def source_schema(
    source_id: str, window: SchemaWindow, event_type: EventType | None, event: str | None, page_size: int
) -> Listing[ObservedEvent]:
    path = resource_path("/sources/{}/schema", source_id)
    return _listing(path, "events", ObservedEvent.from_dict, page_size, window=window, type=event_type, event=event)
