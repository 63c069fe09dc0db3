"""The operator's command line: `python -m api migrate | create-workspace | create-token`."""

import json
import os
import secrets
import subprocess
import sys

from litestar import Litestar
from litestar.testing import TestClient

from api.__main__ import startup_banner
from tests.conftest import data


def run_cli(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "api", *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_create_workspace_and_token_print_working_tokens(database_url: str, client: TestClient[Litestar]) -> None:
    slug = f"cli-{secrets.token_hex(4)}"

    created = run_cli(database_url, "create-workspace", "--slug", slug, "--name", "From the CLI")
    assert created.returncode == 0, created.stderr
    printed = json.loads(created.stdout)
    assert set(printed) == {"workspace", "token"}
    assert printed["workspace"]["slug"] == slug and printed["workspace"]["name"] == "From the CLI"
    workspace = data(client.get("/", headers={"Authorization": f"Bearer {printed['token']}"}))["workspace"]
    assert workspace == printed["workspace"]

    issued = run_cli(database_url, "create-token", "--workspace", slug, "--role", "PROTOCOLS_READ_ONLY", "--name", "ro")
    assert issued.returncode == 0, issued.stderr
    token = json.loads(issued.stdout)
    assert set(token) == {"token", "id", "role"} and token["role"] == "PROTOCOLS_READ_ONLY"
    reader = {"Authorization": f"Bearer {token['token']}"}
    assert client.get("/tracking-plans", headers=reader).status_code == 200
    assert client.post("/tracking-plans", json={"name": "x", "type": "LIVE"}, headers=reader).status_code == 403


def test_cli_refuses_bad_input_without_a_traceback(database_url: str) -> None:
    slug = f"cli-{secrets.token_hex(4)}"
    assert run_cli(database_url, "create-workspace", "--slug", slug, "--name", "First").returncode == 0

    for args in (
        ("create-workspace", "--slug", slug, "--name", "Taken"),
        ("create-workspace", "--slug", "Not A Slug", "--name", "x"),
        ("create-token", "--workspace", "no-such-workspace", "--role", "WORKSPACE_OWNER", "--name", "x"),
        ("create-token", "--workspace", slug, "--role", "ROOT", "--name", "x"),
    ):
        result = run_cli(database_url, *args)
        assert result.returncode == 2, args
        assert "error" in result.stderr and "Traceback" not in result.stderr


def test_migrate_on_a_migrated_database_changes_nothing(database_url: str) -> None:
    run_cli(database_url, "migrate")

    result = run_cli(database_url, "migrate")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "up to date"


def test_the_startup_banner_names_the_web_view_and_a_command_that_works() -> None:
    venv_python = os.path.join(os.getcwd(), ".venv", "bin", "python")
    again = startup_banner("http://127.0.0.1:8000", None, venv_python)
    first = startup_banner("http://127.0.0.1:8000", "tps_secret", "/usr/bin/python3")

    assert ".venv/bin/python -m api create-token --workspace default" in again
    assert "Web view: http://127.0.0.1:8000/ui" in again and "Web view: http://127.0.0.1:8000/ui" in first
    assert "tps_secret" in first and "create-token" not in first
    assert "/usr/bin/python3 -m api create-token" in startup_banner("http://h:1", None, "/usr/bin/python3")
