"""Helpers of the web view's tests: a browser-like client (cookies of its own), signing in, planting payloads."""

import asyncio
import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import asyncpg
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data
from tests.routes.conftest import connect, create_plan, create_source, put_rules

Client = TestClient[Litestar]

_CSRF_FIELD = re.compile(r'name="_csrf_token" value="([^"]+)"')

SCRIPT = "<script>window.__pwned = 'script'</script>"
IMAGE = '"><img src=x onerror="window.__pwned=\'img\'">'
PAYLOADS = (SCRIPT, IMAGE)
"""What a hostile name, description, label or event carries: neither may run, nor show as markup."""


@pytest.fixture
def browser(client: Client) -> Iterator[Client]:
    """The app's test client with an empty cookie jar, as a browser that has not signed in."""
    client.cookies.clear()
    yield client
    client.cookies.clear()


def csrf_of(page: str) -> str:
    """The CSRF token a page's form carries."""
    found = _CSRF_FIELD.search(page)
    assert found, page
    return html.unescape(found[1])


def sign_in(client: Client, token: str, next_page: str = "") -> Any:
    """Fill in the sign-in form as a browser would; answers the POST's response (not followed)."""
    form = client.get("/ui/sign-in")
    assert form.status_code == 200, form.text
    body = {"_csrf_token": csrf_of(form.text), "token": token, "next": next_page}
    return client.post("/ui/sign-in", data=body, follow_redirects=False)


def hostile_plan(client: Client, tenant: Tenant) -> tuple[str, dict[str, Any]]:
    """A plan whose name, description, rules, labels and connected source carry both payloads; its id and source."""
    name = f"Shop {SCRIPT} {IMAGE}"
    plan_id = create_plan(client, tenant, name)
    data(client.patch(f"/tracking-plans/{plan_id}", json={"description": IMAGE + SCRIPT}, headers=tenant.headers()))
    schema = {
        "type": "object",
        "description": SCRIPT,
        "properties": {
            "properties": {
                "type": "object",
                "properties": {
                    IMAGE: {"type": "string", "description": SCRIPT, "pattern": "^<script>$"},
                    "revenue": {"type": "number", "enum": [1, IMAGE]},
                },
                "required": ["revenue"],
            }
        },
    }
    rules = [
        {
            "type": "TRACK",
            "key": name[:200],
            "version": 1,
            "jsonSchema": schema,
            "labels": [{"key": "area", "value": IMAGE[:100].replace(":", "")}],
            "description": IMAGE,
        },
        {"type": "TRACK", "key": "Order Completed", "version": 1, "jsonSchema": schema},
    ]
    put_rules(client, tenant, plan_id, rules)
    source = create_source(client, tenant, "web-hostile", name=SCRIPT + IMAGE)
    assert connect(client, tenant, plan_id, source["id"]).status_code == 200
    return plan_id, source


def query(database_url: str, sql: str, *args: Any) -> list[Any]:
    """Rows of one SQL statement on the test database (to look at what is stored, or to age a session)."""

    async def run() -> list[Any]:
        conn = await asyncpg.connect(database_url)
        try:
            return list(await conn.fetch(sql, *args))
        finally:
            await conn.close()

    return asyncio.run(run())


def rule_with_properties(key: str, properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A TRACK rule whose payload declares `properties` (none required)."""
    schema = {"type": "object", "properties": {"properties": {"type": "object", "properties": properties}}}
    return {"type": "TRACK", "key": key, "version": 1, "jsonSchema": schema, **extra}


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def table_rows(page: str) -> list[list[str]]:
    """The text of each body cell of each table row in `page` (header rows left out), unescaped."""
    parser = _Cells()
    parser.feed(page)
    return [row for row in parser.rows if row]
