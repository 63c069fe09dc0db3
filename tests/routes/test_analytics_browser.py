"""Segment's analytics.js (`@segment/analytics-next`, pinned in tests/node/package-lock.json) in a real browser, on
a page of another origin, pointed at the service as Segment's custom-proxy docs set it: it posts `text/plain` to the
short paths (`/v1/t`, `/v1/i`, `/v1/p`) across origins, and what it sent is what the reads show."""

import functools
import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from tests.conftest import NEEDS_CHROMIUM, Tenant
from tests.routes.conftest import SIGNED_UP, eventually
from tracking_plans import TrackingPlans
from tracking_plans.models import RuleInput

BUNDLE = (
    Path(__file__).parents[1] / "node" / "node_modules" / "@segment" / "analytics-next" / "dist" / "umd" / "index.js"
)

pytestmark = [
    pytest.mark.slow,
    NEEDS_CHROMIUM,
    pytest.mark.skipif(
        not BUNDLE.is_file(), reason="@segment/analytics-next is missing: `make install` installs it with npm"
    ),
]

PAGE = """<!doctype html>
<html><head><title>Shop</title><script src="analytics-next.js"></script></head><body>
<script>
  const writeKey = %(write_key)s
  // as the README says: cdnSettings spares the settings fetch from Segment's CDN, apiHost points at the service
  const analytics = AnalyticsNext.AnalyticsBrowser.load(
    { writeKey, cdnSettings: { integrations: { 'Segment.io': { apiKey: writeKey } } } },
    { integrations: { 'Segment.io': { apiHost: %(api_host)s, protocol: 'http' } } },
  )
  Promise.all([
    analytics.track('Signed Up', { plan: 'pro', seats: 2 }),
    analytics.track('Signed Up', { seats: 'two' }),
    analytics.identify('u1', { email: 'u1@example.com' }),
    analytics.page('Home'),
  ]).then(
    (contexts) => { window.sent = contexts.map((context) => context.event.messageId) },
    (error) => { window.sent = 'failed: ' + error },
  )
</script></body></html>
"""


@pytest.fixture
def shop_site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A static site of its own origin (another port), serving analytics.js's bundle; its URL and folder."""
    (tmp_path / "analytics-next.js").write_bytes(BUNDLE.read_bytes())
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{site.server_address[1]}", tmp_path
    finally:
        site.shutdown()
        site.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No line per request on stderr."""


def test_analytics_js_in_a_browser_sends_across_origins_and_the_reads_show_it(
    chrome: WebDriver, live_server: str, tenant: Tenant, shop_site: tuple[str, Path]
) -> None:
    site, folder = shop_site
    with TrackingPlans(base_url=live_server, token=tenant.owner) as client:
        plan = client.plans.create("Browser")
        client.rules.upsert(plan.id, [RuleInput(type="TRACK", key="Signed Up", version=1, json_schema=SIGNED_UP)])
        source = client.sources.create("web-shop", "javascript", name="Web shop")
        client.plans.add_source(plan.id, source.id)
        api_host = f"{urlsplit(live_server).netloc}/v1"
        page = PAGE % {"write_key": json.dumps(source.write_keys[0]), "api_host": json.dumps(api_host)}
        (folder / "index.html").write_text(page)

        chrome.get(f"{site}/index.html")
        deadline = time.monotonic() + 20
        while (sent := chrome.execute_script("return window.sent")) is None and time.monotonic() < deadline:
            time.sleep(0.1)

        assert isinstance(sent, list) and len(sent) == 4, (sent, chrome.get_log("browser"))
        recent = eventually(lambda: list(client.events.recent(source.id)), lambda found: len(found) == 4)
        by_id = {entry.event["messageId"]: entry for entry in recent}
        assert set(by_id) == set(sent)
        ok, bad, identify, home = (by_id[message_id].event for message_id in sent)
        assert ok["context"]["library"]["name"] == "analytics.js"
        assert ok["context"]["page"]["url"] == f"{site}/index.html"
        assert ok["context"]["protocols"].get("violations", []) == []
        assert bad["context"]["protocols"]["violations"] == [
            {"type": "Required", "field": "properties.plan", "description": "properties.plan is required"},
            {
                "type": "Invalid Type",
                "field": "properties.seats",
                "description": "Invalid type. Expected: integer, given: string",
            },
        ]
        assert (identify["type"], identify["userId"], identify["traits"]) == (
            "identify",
            "u1",
            {"email": "u1@example.com"},
        )
        assert (home["type"], home["name"], home["userId"]) == ("page", "Home", "u1")
