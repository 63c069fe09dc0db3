"""The Config API's operations (v1beta: plans as one document, `rs_` ids), as `operations` has the Public API's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import httpx
from tracking_plans_client.models import ConfigTrackingPlan, SourceConnection

from tracking_plans.operations import Call, Listing, Page, checked_page_size, if_match_header, no_data, resource_path
from tracking_plans.transport import Request, data_of

MAX_PAGE_SIZE = 50
"""The Config API's largest page (`page_size`); each plan comes with all its rules."""


def _plans_path(workspace_slug: str, suffix: str = "", *ids: str) -> str:
    return resource_path("/v1beta/workspaces/{}/tracking-plans" + suffix, workspace_slug, *ids)


def _plan(response: httpx.Response) -> ConfigTrackingPlan:
    return ConfigTrackingPlan.from_dict(data_of(response))


def list_plans(workspace_slug: str, page_size: int) -> Listing[ConfigTrackingPlan]:
    params = {"page_size": str(checked_page_size(page_size, MAX_PAGE_SIZE))}
    return Listing(Request("GET", _plans_path(workspace_slug), params=params), _plans_page, _next_page_token)


def _plans_page(_: httpx.Response, body: Any) -> Page[ConfigTrackingPlan]:
    return Page([ConfigTrackingPlan.from_dict(plan) for plan in body["tracking_plans"]], None, None)


def _next_page_token(request: Request, body: Any) -> Request | None:
    token = body.get("next_page_token")
    return replace(request, params={**(request.params or {}), "page_token": token}) if token else None


def create_plan(workspace_slug: str, display_name: str, rules: Mapping[str, Any] | None) -> Call[ConfigTrackingPlan]:
    plan: dict[str, Any] = {"display_name": display_name}
    if rules is not None:
        plan["rules"] = dict(rules)
    request = Request("POST", _plans_path(workspace_slug), body={"tracking_plan": plan})
    return Call(request, _plan)


def get_plan(workspace_slug: str, plan_id: str) -> Call[ConfigTrackingPlan]:
    return Call(Request("GET", _plans_path(workspace_slug, "/{}", plan_id)), _plan)


def update_plan(
    workspace_slug: str,
    plan_id: str,
    display_name: str | None,
    rules: Mapping[str, Any] | None,
    if_match: str | None,
) -> Call[ConfigTrackingPlan]:
    plan: dict[str, Any] = {}
    paths: list[str] = []
    if display_name is not None:
        plan["display_name"], paths = display_name, [*paths, "tracking_plan.display_name"]
    if rules is not None:
        plan["rules"], paths = dict(rules), [*paths, "tracking_plan.rules"]
    body = {"update_mask": {"paths": paths}, "tracking_plan": plan}
    path = _plans_path(workspace_slug, "/{}", plan_id)
    return Call(Request("PUT", path, body=body, headers=if_match_header(if_match)), _plan)


def delete_plan(workspace_slug: str, plan_id: str, if_match: str | None) -> Call[None]:
    request = Request("DELETE", _plans_path(workspace_slug, "/{}", plan_id), headers=if_match_header(if_match))
    return Call(request, no_data)


def list_connections(workspace_slug: str, plan_id: str) -> Call[list[SourceConnection]]:
    request = Request("GET", _plans_path(workspace_slug, "/{}/source-connections", plan_id))
    return Call(request, lambda r: [SourceConnection.from_dict(c) for c in data_of(r)["connections"]])


def connect_source(workspace_slug: str, plan_id: str, source_slug: str) -> Call[SourceConnection]:
    body = {"source_name": f"workspaces/{workspace_slug}/sources/{source_slug}"}
    request = Request("POST", _plans_path(workspace_slug, "/{}/source-connections", plan_id), body=body)
    return Call(request, lambda r: SourceConnection.from_dict(data_of(r)))


def disconnect_source(workspace_slug: str, plan_id: str, source_slug: str) -> Call[None]:
    path = _plans_path(workspace_slug, "/{}/source-connections/{}", plan_id, source_slug)
    return Call(Request("DELETE", path), no_data)
