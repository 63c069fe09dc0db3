"""The web view at the HTTP level: sign-in and sessions, CSRF, headers, escaping, workspaces, and each page."""

import hashlib
import html
import re
import secrets
from typing import Any

from tests.conftest import Tenant, data
from tests.routes.conftest import connect, create_plan, create_source, flush, put_rules, send
from tests.routes.conftest import tracking_call as track
from tests.ui.conftest import (
    PAYLOADS,
    Client,
    csrf_of,
    hostile_plan,
    query,
    rule_with_properties,
    sign_in,
    table_rows,
)

PAGE_HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
}


def cookies_set(response: Any) -> dict[str, str]:
    """Each Set-Cookie of an answer by cookie name."""
    return {header.split("=", 1)[0]: header for header in response.headers.get_list("set-cookie")}


def assert_page(response: Any, status: int = 200) -> str:
    """An HTML page with the view's security headers; answers its text."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
    assert "unsafe-inline" not in policy
    for name, value in PAGE_HEADERS.items():
        assert response.headers[name] == value
    text: str = response.text
    assert "<script>" not in text.replace('<script src="/ui/static/ui.js" defer></script>', "")
    return text


def signed_in(browser: Client, token: str) -> Client:
    answer = sign_in(browser, token)
    assert answer.status_code == 303, answer.text
    return browser


def test_sign_in_keeps_a_server_side_session_in_a_strict_http_only_cookie(
    browser: Client, tenant: Tenant, database_url: str
) -> None:
    answer = sign_in(browser, tenant.reader, next_page="/ui/sources")

    assert answer.status_code == 303 and answer.headers["location"] == "/ui/sources"
    cookie = cookies_set(answer)["tp_session"]
    attributes = {attribute.strip().lower() for attribute in cookie.split(";")[1:]}
    assert {"httponly", "samesite=strict", "path=/ui"} <= attributes and "secure" not in attributes
    session = browser.cookies["tp_session"]
    assert tenant.reader not in cookie and len(session) == 43
    stored = query(database_url, "SELECT token_id, session_hash FROM ui_sessions WHERE workspace_id = $1", tenant.id)
    assert [row["session_hash"] for row in stored] == [hashlib.sha256(session.encode()).digest()]
    assert stored[0]["token_id"].startswith("tok_")
    page = assert_page(browser.get("/ui/sources"))
    assert "reader" in page and tenant.slug in page


def test_the_session_cookie_is_secure_over_https(browser: Client, tenant: Tenant) -> None:
    form = browser.get("https://testserver.local/ui/sign-in")
    body = {"_csrf_token": csrf_of(form.text), "token": tenant.admin, "next": ""}
    answer = browser.post("https://testserver.local/ui/sign-in", data=body, follow_redirects=False)

    assert answer.status_code == 303 and answer.headers["location"] == "/ui/plans"
    assert "secure" in {attribute.strip().lower() for attribute in cookies_set(answer)["tp_session"].split(";")}
    for cookie in cookies_set(form).values():
        assert "secure" in {attribute.strip().lower() for attribute in cookie.split(";")[1:]}, cookie
    assert "tp_csrf" in cookies_set(form)
    browser.cookies.clear()
    plain = cookies_set(browser.get("http://testserver.local/ui/sign-in"))
    assert "secure" not in plain["tp_csrf"].lower()


def test_a_wrong_or_revoked_token_gets_the_form_again_and_the_same_few_words(
    browser: Client, client: Client, tenant: Tenant
) -> None:
    revoked = data(client.post("/tokens", json={"name": "gone", "role": "PROTOCOLS_ADMIN"}, headers=tenant.headers()))[
        "token"
    ]
    assert client.delete(f"/tokens/{revoked['id']}", headers=tenant.headers()).status_code == 200

    answers = [sign_in(browser, token) for token in ("tps_" + secrets.token_urlsafe(32), revoked["secret"], "x" * 5000)]

    for answer in answers:
        page = assert_page(answer, 401)
        assert "That token was not accepted." in page and "revoked" not in page and "unknown" not in page
        assert "tp_session" not in cookies_set(answer)
    assert browser.get("/ui/plans", follow_redirects=False).status_code == 303


def test_pages_without_a_session_send_to_the_sign_in_form_and_back(browser: Client, tenant: Tenant) -> None:
    answer = browser.get("/ui/plans?q=shop&type=LIVE", follow_redirects=False)

    assert answer.status_code == 303
    assert answer.headers["location"] == "/ui/sign-in?next=%2Fui%2Fplans%3Fq%3Dshop%26type%3DLIVE"
    assert answer.headers["content-security-policy"]
    back = sign_in(browser, tenant.reader, next_page="/ui/plans?q=shop&type=LIVE")
    assert back.headers["location"] == "/ui/plans?q=shop&type=LIVE"
    assert browser.get("/ui", follow_redirects=False).headers["location"] == "/ui/plans"


def test_sign_in_never_sends_to_another_site(browser: Client, tenant: Tenant) -> None:
    for target in ("https://evil.example/", "//evil.example/ui/", "/ui\\evil", "/api", "/ui/sign-out"):
        browser.cookies.clear()
        assert sign_in(browser, tenant.reader, next_page=target).headers["location"] == "/ui/plans"


def test_forms_without_their_csrf_token_are_refused(browser: Client, tenant: Tenant, database_url: str) -> None:
    browser.get("/ui/sign-in")
    no_token = browser.post("/ui/sign-in", data={"token": tenant.reader}, follow_redirects=False)
    forged = browser.post(
        "/ui/sign-in", data={"token": tenant.reader, "_csrf_token": "0" * 128}, follow_redirects=False
    )
    for answer in (no_token, forged):
        assert "CSRF" in assert_page(answer, 403) and "tp_session" not in cookies_set(answer)

    signed_in(browser, tenant.reader)
    refused = browser.post("/ui/sign-out", data={}, follow_redirects=False)
    assert_page(refused, 403)
    assert browser.get("/ui/plans").status_code == 200
    assert query(database_url, "SELECT 1 FROM ui_sessions WHERE workspace_id = $1", tenant.id)
    as_json = browser.post("/ui/sign-out", json={"_csrf_token": "x"}, follow_redirects=False)
    assert as_json.status_code in (403, 415)


def test_sign_out_ends_the_session_for_good(browser: Client, tenant: Tenant, database_url: str) -> None:
    page = signed_in(browser, tenant.reader).get("/ui/plans").text
    session = browser.cookies["tp_session"]

    answer = browser.post("/ui/sign-out", data={"_csrf_token": csrf_of(page)}, follow_redirects=False)

    assert answer.status_code == 303 and answer.headers["location"] == "/ui/sign-in"
    assert "Max-Age=0" in cookies_set(answer)["tp_session"]
    assert not query(database_url, "SELECT 1 FROM ui_sessions WHERE workspace_id = $1", tenant.id)
    browser.cookies.set("tp_session", session, path="/ui")
    assert browser.get("/ui/plans", follow_redirects=False).status_code == 303


def test_revoking_the_token_ends_its_sessions(browser: Client, client: Client, tenant: Tenant) -> None:
    token = data(
        client.post("/tokens", json={"name": "analyst", "role": "PROTOCOLS_READ_ONLY"}, headers=tenant.headers())
    )["token"]
    signed_in(browser, token["secret"])
    assert browser.get("/ui/plans").status_code == 200

    assert client.delete(f"/tokens/{token['id']}", headers=tenant.headers()).status_code == 200

    assert browser.get("/ui/plans", follow_redirects=False).status_code == 303


def test_forged_malformed_and_expired_session_cookies_are_no_session(
    browser: Client, tenant: Tenant, database_url: str
) -> None:
    for forged in (secrets.token_urlsafe(32), "x", "%" * 43, tenant.reader, "a" * 4000):
        browser.cookies.clear()
        browser.cookies.set("tp_session", forged, path="/ui")
        assert browser.get("/ui/plans", follow_redirects=False).status_code == 303

    browser.cookies.clear()
    signed_in(browser, tenant.reader)
    query(
        database_url,
        "UPDATE ui_sessions SET expires_at = now() - interval '1 second' WHERE workspace_id = $1",
        tenant.id,
    )
    assert browser.get("/ui/plans", follow_redirects=False).status_code == 303


def test_another_workspaces_ids_are_404_pages(
    browser: Client, client: Client, tenant: Tenant, other_tenant: Tenant
) -> None:
    theirs = create_plan(client, other_tenant, "Their secret plan")
    put_rules(client, other_tenant, theirs, [rule_with_properties("Secret Event", {"x": {"type": "string"}})])
    their_source = create_source(client, other_tenant, "their-web")
    signed_in(browser, tenant.owner)

    for path in (
        f"/ui/plans/{theirs}",
        f"/ui/plans/{theirs}/violations",
        f"/ui/plans/{theirs}/history?type=TRACK&key=Secret%20Event&version=1",
        f"/ui/sources/{their_source['id']}/debugger",
        "/ui/plans/tp_doesnotexist",
        "/ui/no/such/page",
    ):
        page = assert_page(browser.get(path), 404)
        assert "Not found" in page and "Secret" not in page
    assert "Their secret plan" not in browser.get("/ui/plans?q=secret").text


def test_every_user_text_is_escaped_on_every_page(browser: Client, client: Client, tenant: Tenant) -> None:
    plan_id, source = hostile_plan(client, tenant)
    hostile_event = track(PAYLOADS[0], {PAYLOADS[1]: PAYLOADS[0], "revenue": PAYLOADS[1]}, userId=PAYLOADS[1])
    assert send(client, source["writeKeys"][0], [hostile_event]).status_code == 200
    flush(client)
    signed_in(browser, tenant.reader)
    key = data(client.get(f"/tracking-plans/{plan_id}/rules", headers=tenant.headers()))["rules"][0]["key"]

    pages = [
        "/ui/plans",
        f"/ui/plans/{plan_id}",
        f"/ui/plans/{plan_id}?q=%3Cscript%3E",
        f"/ui/plans/{plan_id}/violations",
        f"/ui/plans/{plan_id}/history?type=TRACK&version=1&key={key}",
        "/ui/sources",
        f"/ui/sources/{source['id']}/debugger",
        f"/ui/sources/{source['id']}/schema",
    ]
    for path in pages:
        page = assert_page(browser.get(path))
        for payload in PAYLOADS:
            assert payload not in page, path
        assert "&lt;script&gt;" in page or "&#34;&gt;&lt;img" in page, path
    plan_page = browser.get(f"/ui/plans/{plan_id}").text
    assert "<img" not in plan_page and "&lt;img src=x onerror=" in plan_page
    # ids in the URL come back in error pages, escaped too
    not_found = assert_page(browser.get("/ui/plans/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E"), 404)
    assert "<img" not in not_found and "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in not_found
    assert "Not found" in assert_page(browser.get("/ui/plans/a/b/%3Cscript%3E"), 404)


def test_the_static_files_and_nothing_inline(browser: Client) -> None:
    script = browser.get("/ui/static/ui.js")
    style = browser.get("/ui/static/ui.css")

    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")
    for answer in (script, style):
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["cache-control"] == "no-cache"
    page = assert_page(browser.get("/ui/sign-in"))
    assert " style=" not in page and "onclick" not in page and "javascript:" not in page


def test_the_view_changes_nothing(browser: Client, client: Client, tenant: Tenant) -> None:
    plan_id = create_plan(client, tenant, "Kept")
    page = signed_in(browser, tenant.owner).get(f"/ui/plans/{plan_id}").text
    token = csrf_of(page)

    for method in ("POST", "PUT", "PATCH", "DELETE"):
        answer = browser.request(method, f"/ui/plans/{plan_id}", data={"_csrf_token": token})
        assert answer.status_code in (403, 405), (method, answer.status_code)
    assert data(client.get(f"/tracking-plans/{plan_id}", headers=tenant.headers()))["trackingPlan"]["name"] == "Kept"


def test_bad_parameters_are_400_pages(browser: Client, client: Client, tenant: Tenant) -> None:
    plan_id = create_plan(client, tenant, "Params")
    signed_in(browser, tenant.reader)

    for path in (
        f"/ui/plans/{plan_id}/violations?window=2h",
        f"/ui/plans/{plan_id}?type=NOPE",
        f"/ui/plans/{plan_id}?page=0",
        f"/ui/plans?q={'x' * 5000}",
        "/ui/plans?cursor=forged",
        f"/ui/plans/{plan_id}/history?type=TRACK",
    ):
        answer = browser.get(path)
        assert answer.status_code in (400, 422), path
        assert_page(answer, answer.status_code)


def test_plans_are_searched_by_name_and_type(browser: Client, client: Client, tenant: Tenant) -> None:
    for name, kind in (("Web Checkout", "LIVE"), ("Checkout library", "RULE_LIBRARY"), ("Mobile", "LIVE")):
        create_plan(client, tenant, name, kind)
    signed_in(browser, tenant.reader)

    def names(path: str) -> list[str]:
        return re.findall(
            r'<td class="name" data-label="Name"><a href="/ui/plans/[^"]+">([^<]+)</a>', browser.get(path).text
        )

    assert names("/ui/plans") == ["Web Checkout", "Checkout library", "Mobile"]
    assert names("/ui/plans?q=CHECKOUT") == ["Web Checkout", "Checkout library"]
    assert names("/ui/plans?q=checkout&type=LIVE") == ["Web Checkout"]
    assert 'value="checkout"' in browser.get("/ui/plans?q=checkout").text


def test_a_plan_shows_events_by_type_with_versions_labels_and_properties(
    browser: Client, client: Client, tenant: Tenant
) -> None:
    plan_id = create_plan(client, tenant, "Shop")
    order = {
        "revenue": {"type": "number", "description": "Paid, in cents"},
        "currency": {"type": ["string", "null"], "pattern": "^[A-Z]{3}$"},
        "at": {"type": "string", "format": "date-time"},
        "tier": {"enum": ["gold", "silver"]},
    }
    rules = [
        rule_with_properties("Order Completed", order, labels=[{"key": "area", "value": "checkout"}]),
        rule_with_properties("Order Completed", {"coupon": {"type": "string"}}, version=2, description="Second"),
        rule_with_properties("Signed Up", {"plan": {"type": "string"}}, labels=[{"key": "area", "value": "growth"}]),
        {"type": "IDENTIFY", "version": 1, "jsonSchema": {"type": "object", "description": "Who they are"}},
        {"type": "PAGE", "key": "Home", "version": 1, "jsonSchema": {"type": "object"}},
    ]
    rules[0]["jsonSchema"]["properties"]["properties"]["required"] = ["revenue"]
    put_rules(client, tenant, plan_id, rules)
    signed_in(browser, tenant.reader)

    page = assert_page(browser.get(f"/ui/plans/{plan_id}"))

    assert re.findall(r'<h2 class="group">(\w+)</h2>', page) == ["Track", "Page", "Identify"]
    assert re.findall(r'<h3><span class="name">([^<]+)</span></h3>', page) == [
        "Order Completed",
        "Signed Up",
        "Home",
        "IDENTIFY",
    ]
    completed = page[page.index("Order Completed") : page.index("Signed Up")]
    assert completed.index("<strong>v2</strong>") < completed.index("<strong>v1</strong>")
    assert "Second" in completed and "Who they are" in page
    rows = [tuple(row) for row in table_rows(completed)]
    assert rows == [
        ("properties.coupon", "string", "optional", "", ""),
        ("properties.revenue", "number", "required", "", "Paid, in cents"),
        ("properties.currency", "string, null", "optional", "^[A-Z]{3}$", ""),
        ("properties.at", "string (date-time)", "optional", "", ""),
        ("properties.tier", "any", "optional", '["gold","silver"]', ""),
    ]
    assert '<option value="area:checkout">' in page and '<option value="area:growth">' in page


def test_a_plan_filters_by_type_label_and_text_in_the_url(browser: Client, client: Client, tenant: Tenant) -> None:
    plan_id = create_plan(client, tenant, "Filters")
    put_rules(
        client,
        tenant,
        plan_id,
        [
            rule_with_properties(
                "Order Completed", {"revenue": {"type": "number"}}, labels=[{"key": "area", "value": "checkout"}]
            ),
            rule_with_properties("Cart Viewed", {"items": {"type": "array"}}, description="Opened the cart"),
            {"type": "PAGE", "key": "Checkout", "version": 1, "jsonSchema": {"type": "object"}},
        ],
    )
    signed_in(browser, tenant.reader)

    def events(query_string: str) -> list[str]:
        page = assert_page(browser.get(f"/ui/plans/{plan_id}?{query_string}"))
        return re.findall(r'<h3><span class="name">([^<]+)</span></h3>', page)

    assert events("") == ["Cart Viewed", "Order Completed", "Checkout"]
    assert events("type=PAGE") == ["Checkout"]
    assert events("label=area:checkout") == ["Order Completed"]
    assert events("q=REVENUE") == ["Order Completed"]
    assert events("q=the%20cart") == ["Cart Viewed"]
    assert events("q=checkout") == ["Checkout"]
    assert events("q=nothing-like-it") == []


def test_a_plan_of_5000_events_is_paginated(browser: Client, client: Client, tenant: Tenant) -> None:
    rules = [
        {
            "type": "TRACK",
            "key": f"Event {n:04d}",
            "version": 1,
            "jsonSchema": {"type": "object"},
            "labels": [{"key": "n", "value": str(n % 7)}],
        }
        for n in range(5000)
    ]
    document = {"format": "tracking-plan/v1", "trackingPlan": {"name": "Huge", "type": "LIVE"}, "rules": rules}
    created = data(
        client.post("/tracking-plans/copies", json={"document": document, "mode": "CREATE"}, headers=tenant.headers())
    )
    plan_id = created["trackingPlan"]["id"]
    signed_in(browser, tenant.reader)

    first = assert_page(browser.get(f"/ui/plans/{plan_id}"))
    last = assert_page(browser.get(f"/ui/plans/{plan_id}?page=100"))
    beyond = assert_page(browser.get(f"/ui/plans/{plan_id}?page=101"), 404)
    labelled = assert_page(browser.get(f"/ui/plans/{plan_id}?label=n:3&page=2"))

    assert first.count('<article class="event" id=') == 50 and "Events 1 to 50 of 5,000" in first
    assert "Event 0000" in first and "Event 0049" in first and "Event 0050" not in first
    assert "Page 1 of 100" in first and 'href="/ui/plans/' + plan_id + '?page=2"' in first
    assert "Event 4999" in last and "Events 4951 to 5000 of 5,000" in last
    assert "There is no page 101: these events fill 100." in beyond and "Event 4999" not in beyond
    assert "Events 51 to 100 of 714" in labelled and "page=3&amp;label=n%3A3" in labelled


def test_names_of_10000_characters(browser: Client, client: Client, tenant: Tenant) -> None:
    long_name = "p" * 10_000
    plan_id = create_plan(client, tenant, "Long")
    put_rules(
        client,
        tenant,
        plan_id,
        [rule_with_properties("Long Event", {long_name: {"type": "string", "description": "d" * 2000}})],
    )
    source = create_source(client, tenant, "long-web")
    assert connect(client, tenant, plan_id, source["id"]).status_code == 200
    long_event = "e" * 10_000
    assert send(client, source["writeKeys"][0], [track(long_event, {long_name: 1})]).status_code == 200
    flush(client)
    signed_in(browser, tenant.reader)

    assert long_name in assert_page(browser.get(f"/ui/plans/{plan_id}"))
    assert long_name in assert_page(browser.get(f"/ui/plans/{plan_id}?q={'p' * 100}"))
    assert long_event in assert_page(browser.get(f"/ui/sources/{source['id']}/debugger"))


def test_a_rules_history_shows_each_change_and_a_readable_diff(browser: Client, client: Client, tenant: Tenant) -> None:
    plan_id = create_plan(client, tenant, "History")
    first = rule_with_properties("Order Completed", {"revenue": {"type": "number"}})
    second = rule_with_properties("Order Completed", {"revenue": {"type": "string"}, "coupon": {"type": "string"}})
    put_rules(client, tenant, plan_id, [first])
    put_rules(client, tenant, plan_id, [second])
    put_rules(client, tenant, plan_id, [rule_with_properties("Other", {})])
    signed_in(browser, tenant.reader)
    here = f"/ui/plans/{plan_id}/history?type=TRACK&key=Order%20Completed&version=1"

    page = assert_page(browser.get(here))

    assert re.findall(r'<span class="tag">(RULE_\w+)</span> by', page) == [
        "RULE_REMOVED",
        "RULE_UPDATED",
        "RULE_CREATED",
    ]
    # by default: the last change, a removal, against the revision before it
    removed = [html.unescape(line) for line in re.findall(r'<tr class="removed">.*?<code>(.*?)</code>', page)]
    assert '"type": "number"' not in " ".join(removed) and any('"type": "string"' in line for line in removed)
    assert '<tr class="added">' not in page
    entries = [int(found) for found in re.findall(r'<option value="(\d+)"', page)][:3]
    created, updated = entries[2], entries[1]

    diff = assert_page(browser.get(f"{here}&from={created}&to={updated}"))
    added = [html.unescape(line).strip() for line in re.findall(r'<tr class="added">.*?<code>(.*?)</code>', diff)]
    removed = [html.unescape(line).strip() for line in re.findall(r'<tr class="removed">.*?<code>(.*?)</code>', diff)]
    assert added == ['"type": "string"', "},", '"coupon": {', '"type": "string"']
    assert removed == ['"type": "number"']
    assert f'<option value="{created}" selected>' in diff and f'<option value="{updated}" selected>' in diff
    assert_page(browser.get(f"{here}&to=999999999"), 404)
    assert_page(browser.get(f"/ui/plans/{plan_id}/history?type=TRACK&key=Never&version=1"), 404)


def test_a_plans_violations_chart_and_digest(browser: Client, client: Client, tenant: Tenant) -> None:
    plan_id = create_plan(client, tenant, "Checked")
    put_rules(
        client,
        tenant,
        plan_id,
        [rule_with_properties("Signed Up", {"plan": {"enum": ["free", "pro"]}, "seats": {"type": "integer"}})],
    )
    source = create_source(client, tenant, "checked-web", name="Checked web")
    assert connect(client, tenant, plan_id, source["id"]).status_code == 200
    bad = [track("Signed Up", {"plan": "gold"}), track("Signed Up", {"plan": "gold", "seats": "2"}), track("Fine")]
    assert send(client, source["writeKeys"][0], bad).status_code == 200
    flush(client)
    signed_in(browser, tenant.reader)

    page = assert_page(browser.get(f"/ui/plans/{plan_id}/violations?window=1h"))

    assert re.findall(r'<h2><span class="name">([^<]+)</span>', page) == ["Signed Up"]
    bars = re.findall(
        r'<rect class="bar" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"><title>[^<]+: (\d+)</title>', page
    )
    assert bars == [("80.0", "3")]
    rows = [row[:3] for row in table_rows(page[: page.index("Digest of the last 48 hours")])]
    assert rows == [["Enum", "properties.plan", "2"], ["Invalid Type", "properties.seats", "1"]]
    digest = page[page.index("Digest of the last 48 hours") :]
    assert digest.count("Checked web") == 2 and "Enum" in digest
    assert 'aria-current="page">Last hour' in page
    quiet = create_plan(client, tenant, "Quiet")
    assert "No violations in this window." in assert_page(browser.get(f"/ui/plans/{quiet}/violations?window=7d"))


def test_a_sources_debugger_shows_recent_events_outcomes_and_violations(
    browser: Client, client: Client, tenant: Tenant
) -> None:
    plan_id = create_plan(client, tenant, "Debugged")
    put_rules(client, tenant, plan_id, [rule_with_properties("Signed Up", {"seats": {"type": "integer"}})])
    source = create_source(client, tenant, "debugged-web", name="Debugged web")
    assert connect(client, tenant, plan_id, source["id"]).status_code == 200
    settings = {"track": {"allowUnplannedEvents": False}}
    assert client.patch(f"/sources/{source['id']}/settings", json=settings, headers=tenant.headers()).status_code == 200
    sent = [track("Signed Up", {"seats": "two"}), track("Unplanned Thing")]
    assert send(client, source["writeKeys"][0], sent).status_code == 200
    flush(client)
    signed_in(browser, tenant.reader)
    here = f"/ui/sources/{source['id']}/debugger"

    page = assert_page(browser.get(here))

    assert re.findall(r'<span class="tag outcome">(\w+)</span>\s*<strong class="name">([^<]+)</strong>', page) == [
        ("BLOCKED", "Unplanned Thing"),
        ("DELIVERED", "Signed Up"),
    ]
    assert "Invalid Type</span> <code>properties.seats</code> Invalid type. Expected: integer, given: string" in page
    assert re.findall(r"<dt>(\w+)</dt><dd>(\d+)</dd>", page)[:3] == [
        ("Received", "2"),
        ("Delivered", "1"),
        ("Blocked", "1"),
    ]
    blocked = assert_page(browser.get(f"{here}?outcome=BLOCKED"))
    assert "Unplanned Thing" in blocked and "Signed Up" not in blocked.split("<ol")[-1]
    assert "No event dropped yet." in assert_page(browser.get(f"{here}?outcome=DROPPED"))


def test_a_sources_observed_schema_marks_what_the_plan_lacks(
    browser: Client, client: Client, tenant: Tenant, other_tenant: Tenant
) -> None:
    plan_id = create_plan(client, tenant, "Observed")
    put_rules(client, tenant, plan_id, [rule_with_properties("Signed Up", {"plan": {"type": "string"}})])
    source = create_source(client, tenant, "observed-web", name="Observed web")
    assert connect(client, tenant, plan_id, source["id"]).status_code == 200
    sent = [
        track("Signed Up", {"plan": "pro", "seats": 2}),
        track("Signed Up", {"plan": "free", "seats": "3"}),
        track("Newsletter Joined", {"list": "weekly", "at": "2026-11-30T06:00:00Z"}),
    ]
    assert send(client, source["writeKeys"][0], sent).status_code == 200
    flush(client)
    signed_in(browser, tenant.reader)
    here = f"/ui/sources/{source['id']}/schema"

    page = assert_page(browser.get(here))

    names = re.findall(r'<article class="event( lacking)?">\s*<h2><span class="name">([^<]+)</span>', page)
    assert names == [(" lacking", "Newsletter Joined"), ("", "Signed Up")]
    assert page.count('<span class="tag missing">Not in the plan</span>') == 1 and "plan v1" in page
    rows = [(row[0], row[2]) for row in table_rows(page)]
    assert rows == [
        ("properties.at", "not declared"),
        ("properties.list", "not declared"),
        ("properties.plan", "declared"),
        ("properties.seats", "not declared"),
    ]
    assert page.count('<tr class="lacking">') == 3
    assert "string (date-time)" in page and "integer" in page and "\u00d7 1" in page
    assert "3 properties it does not declare" in page
    only_track = assert_page(browser.get(f"{here}?window=7d&type=identify"))
    assert "Nothing sent in this window." in only_track and 'aria-current="page">Last 7 days' in only_track
    their_source = create_source(client, other_tenant, "their-observed")
    assert_page(browser.get(f"/ui/sources/{their_source['id']}/schema"), 404)
    assert browser.get(f"{here}?window=1y").status_code in (400, 422)


def test_an_empty_filter_means_no_filter_on_every_page(browser: Client, client: Client, tenant: Tenant) -> None:
    plan_id = create_plan(client, tenant, "Empty filters")
    put_rules(client, tenant, plan_id, [rule_with_properties("Order Completed", {})])
    source = create_source(client, tenant, "empty-filters")
    assert connect(client, tenant, plan_id, source["id"]).status_code == 200
    signed_in(browser, tenant.reader)

    assert "Empty filters" in assert_page(browser.get("/ui/plans?q=empty&type="))
    assert "Order Completed" in assert_page(browser.get(f"/ui/plans/{plan_id}?type=&label=&q=&page="))
    assert_page(browser.get(f"/ui/plans/{plan_id}/history?type=TRACK&key=Order%20Completed&version=1&from=&to="))
    assert 'aria-current="page">Last 24 hours' in assert_page(browser.get(f"/ui/plans/{plan_id}/violations?window="))
    assert_page(browser.get(f"/ui/sources/{source['id']}/schema?window=&type=&cursor="))
    assert_page(browser.get(f"/ui/sources/{source['id']}/debugger?outcome="))


def test_a_nul_character_in_a_parameter_is_a_422_naming_it(browser: Client, client: Client, tenant: Tenant) -> None:
    plan_id = create_plan(client, tenant, "Nul")
    source = create_source(client, tenant, "nul-source")
    signed_in(browser, tenant.reader)

    for path, name in (
        ("/ui/plans?q=%00", "q"),
        (f"/ui/plans/{plan_id}/history?type=TRACK&key=%00&version=1", "key"),
        (f"/ui/plans/{plan_id}%00", "plan_id"),
        (f"/ui/sources/{source['id']}%00/debugger", "source_id"),
    ):
        page = html.unescape(assert_page(browser.get(path), 422))
        assert f"The address's `{name}` holds a NUL character (%00), which nothing stored can hold." in page, page
    for path, name in (("/tracking-plans?q=%00", "q"), (f"/sources/{source['id']}/schema?event=%00", "event")):
        answer = client.get(path, headers=tenant.headers())
        assert answer.status_code == 422, answer.text
        assert answer.json()["errors"][0]["field"] == name
    answer = client.get(f"/v1beta/workspaces/{tenant.slug}/tracking-plans/rs_x%00", headers=tenant.headers())
    assert answer.status_code == 400 and answer.json()["code"] == 3, answer.text  # INVALID_ARGUMENT is a 400 there


def test_a_renamed_rule_shows_the_rename_under_both_keys(browser: Client, client: Client, tenant: Tenant) -> None:
    plan_id = create_plan(client, tenant, "Renames")
    placed = rule_with_properties("Order Placed", {"total": {"type": "number"}})
    put_rules(client, tenant, plan_id, [placed])
    rename = {"rules": [{**placed, "newKey": "Order Completed"}]}
    answer = client.patch(f"/tracking-plans/{plan_id}/rules", json=rename, headers=tenant.headers())
    assert answer.status_code == 200, answer.text
    signed_in(browser, tenant.reader)
    history = f"/ui/plans/{plan_id}/history?type=TRACK&version=1&key="

    for key in ("Order%20Placed", "Order%20Completed"):
        page = assert_page(browser.get(history + key))
        assert "RENAMED from Order Placed to Order Completed" in page, key
        added = [html.unescape(line).strip() for line in re.findall(r'<tr class="added">.*?<code>(.*?)</code>', page)]
        removed = [
            html.unescape(line).strip() for line in re.findall(r'<tr class="removed">.*?<code>(.*?)</code>', page)
        ]
        assert added == ['"key": "Order Completed",'] and removed == ['"key": "Order Placed",'], key


def test_the_observed_schema_says_why_events_were_not_observed(browser: Client, client: Client, tenant: Tenant) -> None:
    source = create_source(client, tenant, "dropped-names")
    assert send(client, source["writeKeys"][0], [track("x" * 201, {"a": 1}), track("Seen", {})]).status_code == 200
    flush(client)
    signed_in(browser, tenant.reader)

    page = assert_page(browser.get(f"/ui/sources/{source['id']}/schema"))

    notice = " ".join(re.search(r'<p class="muted notice">(.*?)</p>', page, re.S)[1].split())
    assert notice == (
        "Not everything is shown: 1 event was not observed (past Segment's limit of 4,000 events per source, "
        "or named so that no rule key can hold the name: over 200 characters, control characters)."
    )
    assert 'class="error"' not in page


def test_control_characters_in_an_event_name_are_shown_escaped(browser: Client, client: Client, tenant: Tenant) -> None:
    source = create_source(client, tenant, "control-names")
    assert send(client, source["writeKeys"][0], [track("Bad\u0000Name\u0007")]).status_code == 200
    flush(client)
    signed_in(browser, tenant.reader)

    page = assert_page(browser.get(f"/ui/sources/{source['id']}/debugger"))

    assert "\x00" not in page and "\x07" not in page
    assert '<strong class="name">Bad\\u0000Name\\u0007</strong>' in page


def test_error_pages_name_the_wrong_parameter_in_plain_words(browser: Client, client: Client, tenant: Tenant) -> None:
    plan_id = create_plan(client, tenant, "Plain words")
    put_rules(client, tenant, plan_id, [rule_with_properties("Order Completed", {})])
    source = create_source(client, tenant, "plain-words")
    signed_in(browser, tenant.reader)

    def said(path: str) -> str:
        answer = browser.get(path)
        assert answer.status_code in (400, 404, 422), path
        page = assert_page(answer, answer.status_code)
        return html.unescape(re.search(r'<p class="error" role="alert">(.*?)</p>', page, re.S)[1])

    assert said(f"/ui/plans/{plan_id}?page=abc") == "The address's `page` must be a whole number."
    assert said(f"/ui/plans/{plan_id}?page=0") == "The address's `page` must be a whole number (at least 1)."
    assert said(f"/ui/plans/{plan_id}?type=NOPE") == "The address's `type` is not one of the choices this page offers."
    assert said(f"/ui/sources/{source['id']}/debugger?outcome=NOPE") == (
        "The address's `outcome` is not one of the choices this page offers."
    )
    assert said(f"/ui/plans/{plan_id}/history?type=TRACK") == "The address's `version` is missing."
    assert said(f"/ui/plans/{plan_id}?page=2") == "There is no page 2: these events fill 1."
    assert browser.get(f"/ui/plans/{plan_id}?page=2").status_code == 404


def test_the_property_table_shows_refs_branches_and_odd_names(browser: Client, client: Client, tenant: Tenant) -> None:
    plan_id = create_plan(client, tenant, "Odd properties")
    properties = {
        "x.y": {"type": "string"},
        "": {"type": "integer"},
        "linked": {"$ref": "#/$defs/a"},
        "either": {"oneOf": [{"type": "string"}, {"type": "null"}]},
    }
    rule = rule_with_properties("Odd", properties)
    rule["jsonSchema"]["$defs"] = {"a": {"type": "string"}}
    rule["jsonSchema"]["properties"]["properties"]["patternProperties"] = {"^n_": {"type": "number"}}
    put_rules(client, tenant, plan_id, [rule])
    signed_in(browser, tenant.reader)

    page = assert_page(browser.get(f"/ui/plans/{plan_id}"))

    assert [row[:2] for row in table_rows(page)] == [
        ['properties["x.y"]', "string"],
        ['properties[""]', "integer"],
        ["properties.linked", "$ref #/$defs/a"],
        ["properties.either", "one of: string | null"],
    ]
    assert "Not listed above: what oneOf, patternProperties declare; see the JSON Schema." in re.sub(
        r"<[^>]+>", "", page
    )


def test_a_plan_page_caps_property_rows_and_long_schemas(browser: Client, client: Client, tenant: Tenant) -> None:
    plan_id = create_plan(client, tenant, "Wide")
    wide = {f"p{number:04}": {"type": "string", "description": "d" * 200} for number in range(120)}
    put_rules(client, tenant, plan_id, [rule_with_properties("Wide Event", wide), rule_with_properties("Small", {})])
    signed_in(browser, tenant.reader)
    here = f"/ui/plans/{plan_id}"

    page = assert_page(browser.get(here))

    assert len(table_rows(page)) == 50 and "properties.p0049" in page and "properties.p0050" not in page
    link = f"{here}?event=TRACK%3AWide+Event&amp;page=1#TRACK%3AWide%20Event"
    assert f'<a href="{link}">Show all 120 properties of Wide Event</a> (70 more)' in page
    assert "<summary>JSON Schema</summary>" in page.split('id="TRACK:Small"')[1]
    assert page.count("<summary>JSON Schema</summary>") == 1 and "characters) is shown with" in page
    whole = assert_page(browser.get(html.unescape(link).split("#")[0]))
    assert len(table_rows(whole)) == 120 and "Show all" not in whole
    assert whole.count("<summary>JSON Schema</summary>") == 2 and "&#34;p0119&#34;" in whole
