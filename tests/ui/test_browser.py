"""The web view in a real browser: Debian's Chromium, headless, driven through its chromedriver by Selenium.

Signs in, opens each page, filters a plan, compares two revisions of a rule, reads the violations chart, the
debugger and the observed schema, and checks that the `<script>` and `"><img onerror>` payloads planted in names,
descriptions, labels and events run nowhere. A screenshot of each page goes to tests/ui/screenshots/last-run/
(`SCREENSHOTS=update` writes the ones the README links, in tests/ui/screenshots/).
"""

import asyncio
import os
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from tests.conftest import LAPTOP, NEEDS_CHROMIUM, Tenant, create_tenant
from tests.routes.conftest import connect, create_plan, create_source, flush, put_rules, send
from tests.routes.conftest import tracking_call as track
from tests.ui.conftest import IMAGE, SCRIPT, Client, hostile_plan, rule_with_properties

SCREENSHOTS = Path(__file__).parent / "screenshots"

pytestmark = [pytest.mark.slow, NEEDS_CHROMIUM]

PHONE = (390, 844)


@pytest.fixture(scope="module")
def screenshots() -> Path:
    folder = SCREENSHOTS if os.environ.get("SCREENSHOTS") == "update" else SCREENSHOTS / "last-run"
    if folder.name == "last-run":
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def snap(driver: WebDriver, folder: Path, name: str, size: tuple[int, int] = LAPTOP) -> None:
    """A screenshot of the whole page (up to 4,000 px tall) at `size`'s width."""
    driver.set_window_size(*size)
    height, frame = driver.execute_script(
        "return [document.documentElement.scrollHeight, window.outerHeight - window.innerHeight]"
    )
    driver.set_window_size(size[0], min(max(size[1], int(height) + int(frame)), 4000))
    driver.save_screenshot(str(folder / f"{name}.png"))
    driver.set_window_size(*size)


def nothing_ran(driver: WebDriver) -> None:
    """No planted payload ran: no alert, no flag, no image element made from user text."""
    try:
        alert = driver.switch_to.alert
        pytest.fail(f"an alert opened: {alert.text}")
    except NoAlertPresentException:
        pass
    assert driver.execute_script("return window.__pwned === undefined")
    assert driver.find_elements(By.CSS_SELECTOR, "img") == []


def arrive(driver: WebDriver, path: str, query: str = "") -> None:
    """Wait for a navigation that a key or a click started to reach `path` (with `query` in its URL)."""
    WebDriverWait(driver, 10).until(
        lambda _: (
            urlsplit(driver.current_url).path == path
            and query in urlsplit(driver.current_url).query
            and driver.execute_script("return document.readyState") == "complete"
        )
    )


def query_of(driver: WebDriver) -> dict[str, list[str]]:
    return parse_qs(urlsplit(driver.current_url).query)


@pytest.fixture(scope="module")
def shop(live_server: str, client: Client, database_url: str) -> dict[str, Any]:
    """A workspace with a plan worth looking at (versions, labels, history, violations), a hostile plan, a source."""
    tenant: Tenant = asyncio.run(create_tenant(database_url))
    plan_id = create_plan(client, tenant, "Web shop")
    order = {
        "revenue": {"type": "number", "description": "Order total, in the currency's minor unit"},
        "currency": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 4217 code"},
        "coupon": {"type": ["string", "null"]},
        "placed_at": {"type": "string", "format": "date-time"},
    }
    checkout = [{"key": "area", "value": "checkout"}]
    put_rules(
        client,
        tenant,
        plan_id,
        [
            rule_with_properties("Order Completed", {"revenue": {"type": "number"}}, labels=checkout),
            rule_with_properties("Signed Up", {"plan": {"enum": ["free", "pro"]}, "seats": {"type": "integer"}}),
        ],
    )
    rules = [
        rule_with_properties("Order Completed", order, labels=checkout, description="A customer paid for an order"),
        rule_with_properties("Order Completed", {**order, "tax": {"type": "number"}}, version=2, labels=checkout),
        rule_with_properties("Signed Up", {"plan": {"enum": ["free", "pro"]}, "seats": {"type": "integer"}}),
        rule_with_properties(
            "Product Viewed", {"sku": {"type": "string"}}, labels=[{"key": "area", "value": "catalog"}]
        ),
        {"type": "IDENTIFY", "version": 1, "jsonSchema": {"type": "object", "description": "Traits of a user"}},
    ]
    put_rules(client, tenant, plan_id, rules)
    source = create_source(client, tenant, "web", name="Web site")
    assert connect(client, tenant, plan_id, source["id"]).status_code == 200
    events = [
        track("Signed Up", {"plan": "gold", "seats": 2}),
        track("Signed Up", {"plan": "pro", "seats": "two"}),
        track("Order Completed", {"revenue": "12.50", "currency": "eur"}),
        track("Order Completed", {"revenue": 1250, "currency": "EUR", "discount": 5}),
        track("Newsletter Joined", {"list": "weekly"}),
    ]
    assert send(client, source["writeKeys"][0], events).status_code == 200
    hostile_id, hostile_source = hostile_plan(client, tenant)
    hostile_event = track(SCRIPT, {IMAGE: SCRIPT, "revenue": IMAGE}, userId=IMAGE)
    assert send(client, hostile_source["writeKeys"][0], [hostile_event]).status_code == 200
    flush(client)
    return {
        "tenant": tenant,
        "plan": plan_id,
        "source": source["id"],
        "hostile": hostile_id,
        "hostile_source": hostile_source["id"],
    }


def test_a_walk_through_every_page(
    chrome: WebDriver, live_server: str, shop: dict[str, Any], screenshots: Path
) -> None:
    chrome.delete_all_cookies()
    chrome.get(f"{live_server}/ui/plans")
    assert urlsplit(chrome.current_url).path == "/ui/sign-in"
    snap(chrome, screenshots, "sign-in")
    chrome.find_element(By.ID, "token").send_keys(shop["tenant"].reader, Keys.ENTER)
    arrive(chrome, "/ui/plans")
    assert "Web shop" in chrome.find_element(By.TAG_NAME, "main").text
    snap(chrome, screenshots, "plans")

    chrome.find_element(By.LINK_TEXT, "Web shop").click()
    arrive(chrome, f"/ui/plans/{shop['plan']}")
    names = [element.text for element in chrome.find_elements(By.CSS_SELECTOR, "h3 .name")]
    assert names == ["Order Completed", "Product Viewed", "Signed Up", "IDENTIFY"]
    snap(chrome, screenshots, "plan")

    # the filter, reached by keyboard: "/" focuses it (ui.js), Enter applies it, the URL keeps it
    chrome.find_element(By.TAG_NAME, "body").send_keys("/")
    assert chrome.switch_to.active_element.get_attribute("id") == "q"
    chrome.switch_to.active_element.send_keys("currency", Keys.ENTER)
    arrive(chrome, f"/ui/plans/{shop['plan']}", "q=currency")
    assert query_of(chrome) == {"q": ["currency"]}
    assert [element.text for element in chrome.find_elements(By.CSS_SELECTOR, "h3 .name")] == ["Order Completed"]
    snap(chrome, screenshots, "plan-filtered")
    chrome.get(f"{live_server}/ui/plans/{shop['plan']}?label=area:catalog")
    assert [element.text for element in chrome.find_elements(By.CSS_SELECTOR, "h3 .name")] == ["Product Viewed"]

    chrome.get(f"{live_server}/ui/plans/{shop['plan']}")
    history_links = chrome.find_elements(By.LINK_TEXT, "History")
    history_links[1].click()  # Order Completed v1, which was written twice
    arrive(chrome, f"/ui/plans/{shop['plan']}/history")
    assert query_of(chrome)["version"] == ["1"] and query_of(chrome)["key"] == ["Order Completed"]
    added = [row.text for row in chrome.find_elements(By.CSS_SELECTOR, ".diff tr.added")]
    assert any('"currency": {' in line for line in added)
    assert chrome.find_elements(By.CSS_SELECTOR, ".diff tr.removed")
    snap(chrome, screenshots, "history")

    chrome.get(f"{live_server}/ui/plans/{shop['plan']}/violations")
    charts = chrome.find_elements(By.CSS_SELECTOR, "figure.chart svg")
    assert len(charts) == 2 and chrome.find_elements(By.CSS_SELECTOR, "svg rect.bar")
    headings = [element.text for element in chrome.find_elements(By.CSS_SELECTOR, "article.event h2 .name")]
    assert headings == ["Order Completed", "Signed Up"]
    chrome.find_element(By.LINK_TEXT, "Last 7 days").click()
    arrive(chrome, f"/ui/plans/{shop['plan']}/violations", "window=7d")
    assert query_of(chrome) == {"window": ["7d"]}
    snap(chrome, screenshots, "violations")

    chrome.get(f"{live_server}/ui/sources/{shop['source']}/debugger")
    outcomes = [element.text for element in chrome.find_elements(By.CSS_SELECTOR, ".tag.outcome")]
    assert outcomes == ["DELIVERED"] * 5
    assert "Invalid Type properties.seats" in chrome.find_element(By.TAG_NAME, "main").text
    snap(chrome, screenshots, "debugger")

    chrome.find_element(By.LINK_TEXT, "Observed schema").click()
    arrive(chrome, f"/ui/sources/{shop['source']}/schema")
    unplanned = chrome.find_elements(By.CSS_SELECTOR, "article.event.lacking h2 .name")
    assert [element.text for element in unplanned] == ["Newsletter Joined"]
    lacking = [
        row.find_element(By.TAG_NAME, "code").text for row in chrome.find_elements(By.CSS_SELECTOR, "tr.lacking")
    ]
    assert "properties.discount" in lacking and "properties.list" in lacking and "properties.revenue" not in lacking
    snap(chrome, screenshots, "schema")

    chrome.find_element(By.XPATH, "//button[text()='Sign out']").click()
    arrive(chrome, "/ui/sign-in")
    chrome.get(f"{live_server}/ui/plans")
    assert urlsplit(chrome.current_url).path == "/ui/sign-in"


def test_planted_payloads_run_nowhere(
    chrome: WebDriver, live_server: str, shop: dict[str, Any], screenshots: Path
) -> None:
    chrome.delete_all_cookies()
    chrome.get(f"{live_server}/ui/sign-in")
    chrome.find_element(By.ID, "token").send_keys(shop["tenant"].reader, Keys.ENTER)
    arrive(chrome, "/ui/plans")
    hostile = shop["hostile"]
    pages = {
        "hostile-plans": "/ui/plans",
        "hostile-plan": f"/ui/plans/{hostile}",
        "hostile-violations": f"/ui/plans/{hostile}/violations?window=7d",
        "hostile-debugger": f"/ui/sources/{shop['hostile_source']}/debugger",
        "hostile-schema": f"/ui/sources/{shop['hostile_source']}/schema",
        "hostile-sources": "/ui/sources",
    }
    for name, path in pages.items():
        chrome.get(live_server + path)
        nothing_ran(chrome)
        text = chrome.find_element(By.TAG_NAME, "main").text
        assert SCRIPT in text or IMAGE in text, path
        if name == "hostile-plan":
            snap(chrome, screenshots, name)
    chrome.get(f"{live_server}/ui/plans/{hostile}")
    for details in chrome.find_elements(By.TAG_NAME, "summary"):
        details.click()
    nothing_ran(chrome)
    # the policy itself: a script added inline to the page does not run
    chrome.execute_script(
        "const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.append(s)"
    )
    assert chrome.execute_script("return window.__inline === undefined")
    blocked = [entry["message"] for entry in chrome.get_log("browser") if "Content Security Policy" in entry["message"]]
    assert blocked


def test_phone_width_and_keyboard(chrome: WebDriver, live_server: str, shop: dict[str, Any], screenshots: Path) -> None:
    chrome.delete_all_cookies()
    chrome.set_window_size(*PHONE)
    try:
        chrome.get(f"{live_server}/ui/sign-in")
        chrome.find_element(By.ID, "token").send_keys(shop["tenant"].reader, Keys.ENTER)
        arrive(chrome, "/ui/plans")
        for name, path in (
            ("plan-phone", f"/ui/plans/{shop['plan']}"),
            ("violations-phone", f"/ui/plans/{shop['plan']}/violations"),
            ("debugger-phone", f"/ui/sources/{shop['source']}/debugger"),
            ("schema-phone", f"/ui/sources/{shop['source']}/schema"),
            (None, f"/ui/plans/{shop['hostile']}"),
        ):
            chrome.get(live_server + path)
            # the page never scrolls sideways: long names wrap, wide tables scroll in their own box
            overflow = chrome.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (path, overflow)
            if name:
                snap(chrome, screenshots, name, PHONE)
        chrome.get(f"{live_server}/ui/plans/{shop['plan']}")
        body = chrome.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        assert chrome.switch_to.active_element.text == "Skip to content"
        chrome.switch_to.active_element.send_keys(Keys.ENTER)
        chrome.find_element(By.TAG_NAME, "body").send_keys("j")
        focused = chrome.switch_to.active_element
        assert focused.get_attribute("class") == "event" and "Order Completed" in focused.text
    finally:
        chrome.set_window_size(*LAPTOP)


def test_plans_searched_with_any_type_and_long_names_on_a_laptop(
    chrome: WebDriver, live_server: str, shop: dict[str, Any], client: Client
) -> None:
    tenant = shop["tenant"]
    long_name = "Checkout" + "x" * 192
    plan_id = create_plan(client, tenant, long_name)
    placed = rule_with_properties(long_name, {"total": {"type": "number"}})
    put_rules(client, tenant, plan_id, [placed])
    rename = {"rules": [{**placed, "newKey": "y" * 200}]}
    assert client.patch(f"/tracking-plans/{plan_id}/rules", json=rename, headers=tenant.headers()).status_code == 200
    chrome.delete_all_cookies()
    chrome.get(f"{live_server}/ui/sign-in")
    chrome.find_element(By.ID, "token").send_keys(tenant.reader, Keys.ENTER)
    arrive(chrome, "/ui/plans")

    # the Type select left on "Any" sends `type=`, which means every type
    chrome.find_element(By.ID, "q").send_keys("checkout", Keys.ENTER)
    arrive(chrome, "/ui/plans", "q=checkout")
    assert query_of(chrome)["q"] == ["checkout"] and "type=" in urlsplit(chrome.current_url).query
    assert [element.text for element in chrome.find_elements(By.CSS_SELECTOR, "td.name a")] == [long_name]

    for key in (long_name, "y" * 200):
        chrome.get(f"{live_server}/ui/plans/{plan_id}/history?type=TRACK&version=1&key={key}")
        assert "RENAMED" in chrome.find_element(By.TAG_NAME, "main").text
        overflow = chrome.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (key, overflow)
