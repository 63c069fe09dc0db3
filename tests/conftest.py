"""Shared fixtures: a fresh database per run, the app, workspaces with tokens, a live server."""

import asyncio
import os
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import msgspec
import pytest
import uvicorn
from hypothesis import settings
from litestar import Litestar
from litestar.testing import TestClient
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver

from api.app import create_app
from api.domain.tokens import Role
from api.settings import Settings
from api.store import tokens, workspaces
from api.store.database import embedded_database_url
from api.store.migrations import migrate

LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "full")
"""How hard property tests search: `full` (what `make test` and CI run) or `fast` (`make test-fast`, the inner loop)."""
settings.register_profile("full", deadline=None, max_examples=250)
settings.register_profile("fast", deadline=None, max_examples=10)
settings.load_profile(PROFILE)
RACE_ROUNDS = 30 if PROFILE == "full" else 5
"""How many times a test of concurrent requests races them: a race's loser shows only now and then."""


def _local_postgres_listens() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return True
    except OSError:
        return False


def _server_dsn() -> str:
    """DATABASE_URL; else a PostgreSQL on 127.0.0.1:5432; else the embedded one (forced by TESTS_EMBEDDED_PG=1)."""
    if os.environ.get("TESTS_EMBEDDED_PG") != "1":
        if url := os.environ.get("DATABASE_URL"):
            return url
        if _local_postgres_listens():
            return LOCAL_POSTGRES
    return embedded_database_url(Path(".data/tests"))


def with_database(dsn: str, name: str) -> str:
    parts = urlsplit(dsn)
    return urlunsplit(parts._replace(path="/" + name))


async def execute(dsn: str, sql: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def server_dsn() -> str:
    return _server_dsn()


@pytest.fixture(scope="session")
def database_url(server_dsn: str) -> Iterator[str]:
    """A fresh database for this test run, dropped afterwards."""
    name = f"tp_test_{secrets.token_hex(6)}"
    asyncio.run(execute(server_dsn, f'CREATE DATABASE "{name}"'))
    yield with_database(server_dsn, name)
    asyncio.run(execute(server_dsn, f'DROP DATABASE "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def app(database_url: str) -> Litestar:
    return create_app(Settings(database_url=database_url, pool_size=20))


@pytest.fixture(scope="session")
def client(app: Litestar) -> Iterator[TestClient[Litestar]]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


class Tenant(msgspec.Struct):
    """A workspace of its own for one test, with a token per role."""

    id: str
    slug: str
    owner: str
    admin: str
    reader: str

    def headers(self, role: str = "owner") -> dict[str, str]:
        return {"Authorization": f"Bearer {getattr(self, role)}"}


async def create_tenant(dsn: str) -> Tenant:
    await migrate(dsn)  # a no-op once the app (or an earlier tenant) has migrated
    conn = await asyncpg.connect(dsn)
    try:
        slug = f"ws-{secrets.token_hex(6)}"
        workspace, owner = await workspaces.create_workspace(conn, slug, f"Workspace {slug}")
        admin = await tokens.create_token(conn, workspace.id, "admin", Role.PROTOCOLS_ADMIN)
        reader = await tokens.create_token(conn, workspace.id, "reader", Role.PROTOCOLS_READ_ONLY)
        return Tenant(workspace.id, slug, owner.secret, admin.secret, reader.secret)
    finally:
        await conn.close()


@pytest.fixture
def tenant(database_url: str) -> Tenant:
    return asyncio.run(create_tenant(database_url))


@pytest.fixture
def other_tenant(database_url: str) -> Tenant:
    return asyncio.run(create_tenant(database_url))


@pytest.fixture(scope="session")
def live_server(database_url: str) -> Iterator[str]:
    """The service run by uvicorn on a random local port, as users run it; answers its base URL."""
    app = create_app(Settings(database_url=database_url))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the live server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def data(response: Any) -> Any:
    """The `data` of a successful answer, failing with the body when it is not one."""
    assert response.status_code == 200, response.text
    return response.json()["data"]


CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
NEEDS_CHROMIUM = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="Chromium is not installed: `apt-get install chromium chromium-driver` (.ci/run installs it)",
)
"""Marks the tests that drive a real browser."""
LAPTOP = (1280, 900)
"""The browser's window size, in CSS pixels."""


@pytest.fixture(scope="module")
def chrome() -> Iterator[WebDriver]:
    """Debian's Chromium, headless, driven through its chromedriver by Selenium; the browser's console is logged."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-GB"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_window_size(*LAPTOP)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
