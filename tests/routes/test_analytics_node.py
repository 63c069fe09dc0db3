"""Segment's Node library (`@segment/analytics-node`, pinned in tests/node/package-lock.json) pointed at the service:
it posts batches to `/v1/batch` with the write key as HTTP Basic user, and what it sent is what the reads show."""

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Tenant
from tests.routes.conftest import SIGNED_UP, eventually
from tracking_plans import TrackingPlans
from tracking_plans.models import RuleInput

NODE_PROJECT = Path(__file__).parents[1] / "node"
LIBRARY = NODE_PROJECT / "node_modules" / "@segment" / "analytics-node"

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not LIBRARY.is_dir(),
    reason="Node.js or @segment/analytics-node is missing: `make install` installs it with npm when npm is present",
)


def send_with_node(write_key: str, host: str, calls: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Run tests/node/send.js: the library's calls, then `closeAndFlush`; its answers' statuses and its errors."""
    request = json.dumps({"writeKey": write_key, "host": host, "calls": calls})
    done = subprocess.run(
        ["node", str(NODE_PROJECT / "send.js")], input=request, capture_output=True, text=True, timeout=60, check=True
    )
    seen: dict[str, Any] = json.loads(done.stdout)
    return seen


def test_segment_analytics_node_sends_and_the_reads_show_it(live_server: str, tenant: Tenant) -> None:
    with TrackingPlans(base_url=live_server, token=tenant.owner) as client:
        plan = client.plans.create("Node")
        client.rules.upsert(plan.id, [RuleInput(type="TRACK", key="Signed Up", version=1, json_schema=SIGNED_UP)])
        source = client.sources.create("node-server", "http-api", name="Node")
        client.plans.add_source(plan.id, source.id)

        seen = send_with_node(
            source.write_keys[0],
            live_server,
            [
                ("track", {"userId": "u1", "event": "Signed Up", "properties": {"plan": "pro"}, "messageId": "n-1"}),
                ("track", {"userId": "u2", "event": "Signed Up", "properties": {"seats": 2}, "messageId": "n-2"}),
                ("identify", {"userId": "u1", "traits": {"email": "u1@example.com"}, "messageId": "n-3"}),
                ("page", {"anonymousId": "a1", "name": "Home", "messageId": "n-4"}),
            ],
        )

        assert seen == {"statuses": [200], "errors": []}
        recent = eventually(lambda: list(client.events.recent(source.id)), lambda found: len(found) == 4)
        assert sorted(entry.event["messageId"] for entry in recent) == ["n-1", "n-2", "n-3", "n-4"]
        by_id = {entry.event["messageId"]: entry for entry in recent}
        assert by_id["n-1"].event["context"]["library"]["name"] == "@segment/analytics-node"
        assert by_id["n-1"].event["context"]["protocols"].get("violations", []) == []
        assert by_id["n-2"].event["context"]["protocols"]["violations"] == [
            {"type": "Required", "field": "properties.plan", "description": "properties.plan is required"}
        ]
        assert by_id["n-4"].event["type"] == "page" and by_id["n-4"].event["name"] == "Home"


def test_an_unknown_write_key_is_reported_by_the_node_library(live_server: str) -> None:
    seen = send_with_node("no-such-key", live_server, [("track", {"userId": "u1", "event": "Signed Up"})])

    assert seen["statuses"] == [401]
    assert [(error["code"], error["reason"].split("]")[0]) for error in seen["errors"]] == [
        ("delivery_failure", "[401")
    ]
