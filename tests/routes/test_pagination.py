"""Every paginated list of the Public API leaves `previous` out on its first page and `next` on its last."""

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data

Client = TestClient[Litestar]


@pytest.fixture
def lists(client: Client, tenant: Tenant) -> dict[str, tuple[str, str]]:
    """Each list (path, key of its items) holding 5 entries or more."""
    owner = tenant.headers()
    plan_ids = [
        data(client.post("/tracking-plans", json={"name": f"Plan {n}", "type": "LIVE"}, headers=owner))["trackingPlan"][
            "id"
        ]
        for n in range(5)
    ]
    plan = plan_ids[0]
    rules = [{"type": "TRACK", "key": f"Event {n}", "version": 1, "jsonSchema": None} for n in range(5)]
    assert client.patch(f"/tracking-plans/{plan}/rules", json={"rules": rules}, headers=owner).status_code == 200
    for n in range(5):
        body = {"slug": f"source-{n}", "enabled": True, "metadataId": "javascript"}
        source = data(client.post("/sources", json=body, headers=owner))["source"]["id"]
        connected = client.post(f"/tracking-plans/{plan}/sources", json={"sourceId": source}, headers=owner)
        assert connected.status_code == 200
        transformation = {
            "name": f"Rename {n}",
            "sourceId": source,
            "enabled": True,
            "if": f"event = 'Event {n}'",
            "newEventName": f"Renamed {n}",
        }
        assert client.post("/transformations", json=transformation, headers=owner).status_code == 200
    return {
        "listTrackingPlans": ("/tracking-plans", "trackingPlans"),
        "listRulesFromTrackingPlan": (f"/tracking-plans/{plan}/rules", "rules"),
        "listSourcesFromTrackingPlan": (f"/tracking-plans/{plan}/sources", "sources"),
        "listTrackingPlanChangelog": (f"/tracking-plans/{plan}/changelog", "changelog"),
        "listSources": ("/sources", "sources"),
        "listTransformations": ("/transformations", "transformations"),
    }


def _page(client: Client, tenant: Tenant, path: str, cursor: str | None) -> dict[str, Any]:
    params = {"pagination[count]": "2"} | ({"pagination[cursor]": cursor} if cursor else {})
    return dict(data(client.get(path, params=params, headers=tenant.headers("reader"))))


@pytest.mark.parametrize(
    "operation",
    [
        "listTrackingPlans",
        "listRulesFromTrackingPlan",
        "listSourcesFromTrackingPlan",
        "listTrackingPlanChangelog",
        "listSources",
        "listTransformations",
    ],
)
def test_first_page_has_no_previous_and_last_page_no_next(
    client: Client, tenant: Tenant, lists: dict[str, tuple[str, str]], operation: str
) -> None:
    path, key = lists[operation]

    forward = [_page(client, tenant, path, None)]
    while "next" in forward[-1]["pagination"]:
        forward.append(_page(client, tenant, path, forward[-1]["pagination"]["next"]))

    assert len(forward) >= 3
    assert "previous" not in forward[0]["pagination"]
    assert all({"next", "previous"} <= set(page["pagination"]) for page in forward[1:-1])
    assert "previous" in forward[-1]["pagination"] and "next" not in forward[-1]["pagination"]
    assert all(None not in page["pagination"].values() for page in forward)
    total = forward[0]["pagination"]["totalEntries"]
    assert sum(len(page[key]) for page in forward) == total
    # and back again from the last page, to a first page that has no `previous` either
    backward = [forward[-1]]
    while "previous" in backward[-1]["pagination"]:
        backward.append(_page(client, tenant, path, backward[-1]["pagination"]["previous"]))
    assert [page[key] for page in backward] == [page[key] for page in reversed(forward)]
    assert "next" in backward[-1]["pagination"]
