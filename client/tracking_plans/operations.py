"""Each operation of openapi.yaml as a call (`Request`) and a reader of its answer, shared by both clients.

Nothing here does I/O: `TrackingPlans` and `AsyncTrackingPlans` send the request and hand the answer to
`parse`. Lists are `Listing`s: a first request, a reader of a page's items and the request for the next page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, Literal, Protocol, TypeVar
from urllib.parse import quote

import httpx
from tracking_plans_client.models import (
    ChangelogEntry,
    CopyData,
    IssuedToken,
    ObservedImportData,
    PlanValidationData,
    PreviewData,
    SchemaSettingsData,
    Source,
    SourceValidationData,
    Token,
    Transformation,
    Workspace,
)

from tracking_plans.errors import ConfigurationError
from tracking_plans.models import Export, Rule, RuleId, RuleInput, RulesChange, TrackingPlan, rules_from_page
from tracking_plans.transport import Request, data_of

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])
MAX_PAGE_SIZE = 200
"""The Public API's largest page (`pagination[count]`)."""


class WireModel(Protocol):
    """A generated model (`tracking_plans_client.models`): anything with `to_dict()`."""

    def to_dict(self) -> dict[str, Any]: ...


Body = WireModel | Mapping[str, Any]
"""A request body: a generated model or a dict in the wire's shape (camelCase keys)."""


def operation(operation_id: str) -> Callable[[F], F]:
    """Marks the client method that covers `operation_id` of openapi.yaml (a test checks every one is covered)."""

    def mark(method: F) -> F:
        method.__operation_id__ = operation_id  # type: ignore[attr-defined]
        return method

    return mark


def wire(body: Body) -> dict[str, Any]:
    return dict(body) if isinstance(body, Mapping) else body.to_dict()


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """A request and the reader of its successful answer."""

    request: Request
    parse: Callable[[httpx.Response], T]


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list: its `items` and, in the Public API, `total` (`totalEntries`) and `cursor` (`current`)."""

    items: list[T]
    total: int | None
    cursor: str | None


@dataclass(frozen=True, slots=True)
class Listing(Generic[T]):
    """A list call: the first request, the reader of a page, and the request for the page after a given one."""

    request: Request
    page: Callable[[httpx.Response, Any], Page[T]]
    next: Callable[[Request, Any], Request | None]


def resource_path(template: str, *ids: str) -> str:
    return template.format(*(quote(i, safe="") for i in ids))


def if_match_header(etag: str | None) -> dict[str, str]:
    return {"If-Match": etag} if etag else {}


def _dry_run(dry_run: bool) -> dict[str, str] | None:
    return {"dryRun": "true"} if dry_run else None


def _data(response: httpx.Response) -> Any:
    return data_of(response)["data"]


def _public_listing(path: str, key: str, item: Callable[[Any], T], page_size: int, **filters: Any) -> Listing[T]:
    params = {"pagination[count]": str(checked_page_size(page_size, MAX_PAGE_SIZE))}
    params |= {name: value for name, value in filters.items() if value is not None}
    return Listing(Request("GET", path, params=params), _public_page(key, item), _next_cursor)


def checked_page_size(page_size: int, largest: int) -> int:
    if not 1 <= page_size <= largest:
        raise ConfigurationError(f"page_size must be 1 to {largest}, not {page_size}.")
    return page_size


def _public_page(key: str, item: Callable[[Any], T]) -> Callable[[httpx.Response, Any], Page[T]]:
    def page(_: httpx.Response, body: Any) -> Page[T]:
        data = body["data"]
        return Page([item(one) for one in data[key]], data["pagination"].get("totalEntries"), None)

    return page


def _next_cursor(request: Request, body: Any) -> Request | None:
    # `next` is absent on the last page (as Segment sends it) or null (as this server did before)
    cursor = body["data"]["pagination"].get("next")
    return replace(request, params={**(request.params or {}), "pagination[cursor]": cursor}) if cursor else None


# the workspace and tokens


def get_workspace() -> Call[Workspace]:
    return Call(Request("GET", "/"), lambda r: Workspace.from_dict(_data(r)["workspace"]))


def list_tokens() -> Call[list[Token]]:
    return Call(Request("GET", "/tokens"), lambda r: [Token.from_dict(t) for t in _data(r)["tokens"]])


def create_token(name: str, role: str) -> Call[IssuedToken]:
    body = {"name": name, "role": role}
    return Call(Request("POST", "/tokens", body=body), lambda r: IssuedToken.from_dict(_data(r)["token"]))


def delete_token(token_id: str) -> Call[None]:
    return Call(Request("DELETE", resource_path("/tokens/{}", token_id)), no_data)


def no_data(response: httpx.Response) -> None:
    data_of(response)  # a body that is not JSON still means something is wrong between client and server


# tracking plans


def _plan(response: httpx.Response) -> TrackingPlan:
    return TrackingPlan.from_wire(_data(response)["trackingPlan"], response.headers.get("ETag", ""))


def list_plans(page_size: int, type: str | None) -> Listing[TrackingPlan]:
    return _public_listing("/tracking-plans", "trackingPlans", TrackingPlan.from_wire, page_size, type=type)


def create_plan(name: str, type: str, description: str | None) -> Call[TrackingPlan]:
    body = {"name": name, "type": type} | ({"description": description} if description is not None else {})
    return Call(Request("POST", "/tracking-plans", body=body, creates=True), _plan)


def get_plan(plan_id: str) -> Call[TrackingPlan]:
    return Call(Request("GET", resource_path("/tracking-plans/{}", plan_id)), _plan)


def update_plan(plan_id: str, changes: dict[str, Any], if_match: str | None) -> Call[str]:
    request = Request(
        "PATCH", resource_path("/tracking-plans/{}", plan_id), body=changes, headers=if_match_header(if_match)
    )
    return Call(request, _etag)


def _etag(response: httpx.Response) -> str:
    data_of(response)
    etag: str = response.headers.get("ETag", "")
    return etag


def delete_plan(plan_id: str, if_match: str | None) -> Call[None]:
    return Call(
        Request("DELETE", resource_path("/tracking-plans/{}", plan_id), headers=if_match_header(if_match)), no_data
    )


def list_changelog(plan_id: str, page_size: int) -> Listing[ChangelogEntry]:
    path = resource_path("/tracking-plans/{}/changelog", plan_id)
    return _public_listing(path, "changelog", ChangelogEntry.from_dict, page_size)


def list_plan_sources(plan_id: str, page_size: int) -> Listing[Source]:
    return _public_listing(resource_path("/tracking-plans/{}/sources", plan_id), "sources", Source.from_dict, page_size)


def add_source(plan_id: str, source_id: str) -> Call[None]:
    body = {"sourceId": source_id}
    return Call(Request("POST", resource_path("/tracking-plans/{}/sources", plan_id), body=body), no_data)


def remove_source(plan_id: str, source_id: str) -> Call[None]:
    request = Request("DELETE", resource_path("/tracking-plans/{}/sources", plan_id), params={"sourceId": source_id})
    return Call(request, no_data)


ExportFormat = Literal["json", "csv"]


def export_plan(plan_id: str, format: ExportFormat) -> Call[Export]:
    request = Request("GET", resource_path("/tracking-plans/{}/export", plan_id), params={"format": format})
    return Call(request, _export)


def _export(response: httpx.Response) -> Export:
    disposition = response.headers.get("Content-Disposition", "")
    _, _, name = disposition.partition('filename="')
    media_type = response.headers.get("Content-Type", "").split(";")[0]
    return Export(response.content, name.rstrip('"'), media_type)


def duplicate_plan(plan_id: str, name: str) -> Call[TrackingPlan]:
    return Call(Request("POST", resource_path("/tracking-plans/{}/duplicate", plan_id), body={"name": name}), _plan)


# rules


def list_rules(
    plan_id: str, page_size: int, type: str | None, key: str | None, label: str | None, include_deprecated: bool
) -> Listing[Rule]:
    path = resource_path("/tracking-plans/{}/rules", plan_id)
    params = {"pagination[count]": str(checked_page_size(page_size, MAX_PAGE_SIZE))}
    params |= {name: value for name, value in (("type", type), ("key", key), ("label", label)) if value is not None}
    if include_deprecated:
        params["includeDeprecated"] = "true"
    return Listing(Request("GET", path, params=params), _rules_page, _next_cursor)


def _rules_page(response: httpx.Response, body: Any) -> Page[Rule]:
    data = body["data"]
    return Page(rules_from_page(response.text, data["rules"]), data["pagination"].get("totalEntries"), None)


def write_rules(
    method: str, plan_id: str, rules: Sequence[Mapping[str, Any]], if_match: str | None, dry_run: bool
) -> Call[tuple[dict[str, Any], str]]:
    """PATCH (upsert), PUT (replace) or DELETE (remove) of one batch; answers the change's data and the ETag."""
    path = resource_path("/tracking-plans/{}/rules", plan_id)
    request = Request(method, path, params=_dry_run(dry_run), body={"rules": rules}, headers=if_match_header(if_match))
    return Call(request, lambda r: (_data(r), r.headers.get("ETag", "")))


def rules_change(change: tuple[dict[str, Any], str]) -> RulesChange:
    result = RulesChange()
    result.add(*change)
    return result


def rule_wire(rule: RuleInput | RuleId) -> dict[str, Any]:
    return rule.to_wire()


# sources


def list_sources(page_size: int) -> Listing[Source]:
    return _public_listing("/sources", "sources", Source.from_dict, page_size)


def create_source(body: Body) -> Call[Source]:
    return Call(Request("POST", "/sources", body=wire(body)), lambda r: Source.from_dict(_data(r)["source"]))


def get_source(source_id: str) -> Call[tuple[Source, str | None]]:
    def parse(response: httpx.Response) -> tuple[Source, str | None]:
        data = _data(response)
        return Source.from_dict(data["source"]), data.get("trackingPlanId")

    return Call(Request("GET", resource_path("/sources/{}", source_id)), parse)


def delete_source(source_id: str) -> Call[None]:
    return Call(Request("DELETE", resource_path("/sources/{}", source_id)), no_data)


def get_settings(source_id: str) -> Call[SchemaSettingsData]:
    request = Request("GET", resource_path("/sources/{}/settings", source_id))
    return Call(request, lambda r: SchemaSettingsData.from_dict(_data(r)))


def update_settings(source_id: str, changes: Body) -> Call[SchemaSettingsData]:
    request = Request("PATCH", resource_path("/sources/{}/settings", source_id), body=wire(changes))
    return Call(request, lambda r: SchemaSettingsData.from_dict(_data(r)))


# transformations


def _transformation(response: httpx.Response) -> Transformation:
    return Transformation.from_dict(_data(response)["transformation"])


def list_transformations(page_size: int) -> Listing[Transformation]:
    return _public_listing("/transformations", "transformations", Transformation.from_dict, page_size)


def create_transformation(body: Body) -> Call[Transformation]:
    return Call(Request("POST", "/transformations", body=wire(body)), _transformation)


def get_transformation(transformation_id: str) -> Call[Transformation]:
    return Call(Request("GET", resource_path("/transformations/{}", transformation_id)), _transformation)


def update_transformation(transformation_id: str, changes: Body) -> Call[Transformation]:
    request = Request("PATCH", resource_path("/transformations/{}", transformation_id), body=wire(changes))
    return Call(request, _transformation)


def delete_transformation(transformation_id: str) -> Call[None]:
    return Call(Request("DELETE", resource_path("/transformations/{}", transformation_id)), no_data)


def preview_transformations(
    source_id: str, event: Mapping[str, Any], destination_metadata_id: str | None
) -> Call[PreviewData]:
    body: dict[str, Any] = {"sourceId": source_id, "event": dict(event)}
    if destination_metadata_id is not None:
        body["destinationMetadataId"] = destination_metadata_id
    request = Request("POST", "/transformations/preview", body=body)
    return Call(request, lambda r: PreviewData.from_dict(_data(r)))


# validation


def validate_against_plan(plan_id: str, events: Sequence[Mapping[str, Any]]) -> Call[PlanValidationData]:
    request = Request("POST", resource_path("/tracking-plans/{}/validate", plan_id), body={"events": list(events)})
    return Call(request, lambda r: PlanValidationData.from_dict(_data(r)))


def validate_through_source(source_id: str, events: Sequence[Mapping[str, Any]]) -> Call[SourceValidationData]:
    request = Request("POST", resource_path("/sources/{}/validate", source_id), body={"events": list(events)})
    return Call(request, lambda r: SourceValidationData.from_dict(_data(r)))


# copies, libraries


CopyModeName = Literal["CREATE", "REPLACE", "MERGE"]


def copy_plan(body: dict[str, Any], source_token: str | None, if_match: str | None, dry_run: bool) -> Call[CopyData]:
    headers = if_match_header(if_match)
    if source_token is not None:
        headers["X-Source-Authorization"] = f"Bearer {source_token.removeprefix('Bearer ').strip()}"
    request = Request("POST", "/tracking-plans/copies", params=_dry_run(dry_run), body=body, headers=headers)
    return Call(request, lambda r: CopyData.from_dict(_data(r)))


def import_rules(
    plan_id: str, library_id: str, keys: Sequence[str] | None, if_match: str | None, dry_run: bool
) -> Call[CopyData]:
    body: dict[str, Any] = {"libraryId": library_id}
    if keys is not None:
        body["keys"] = list(keys)
    path = resource_path("/tracking-plans/{}/imports", plan_id)
    request = Request("POST", path, params=_dry_run(dry_run), body=body, headers=if_match_header(if_match))
    return Call(request, lambda r: CopyData.from_dict(_data(r)))


def import_observed(
    plan_id: str,
    source_id: str,
    window: str,
    events: Sequence[Mapping[str, str]] | None,
    required_when_always_present: bool,
    if_match: str | None,
    dry_run: bool,
) -> Call[ObservedImportData]:
    body: dict[str, Any] = {"sourceId": source_id, "window": window}
    if events is not None:
        body["events"] = [dict(event) for event in events]
    if required_when_always_present:
        body["requiredWhenAlwaysPresent"] = True
    path = resource_path("/tracking-plans/{}/imports/observed", plan_id)
    request = Request("POST", path, params=_dry_run(dry_run), body=body, headers=if_match_header(if_match))
    return Call(request, lambda r: ObservedImportData.from_dict(_data(r)))
