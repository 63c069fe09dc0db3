"""The client installed on its own, as another project would: a fresh venv with `pip install ./client`.

Slow on purpose (about 25 s, once per run): it builds that venv. The README's example is then checked with
`mypy --strict` against that venv (so only the installed client is on the path) and run with its Python against a
live server.
"""

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import httpx
import pytest

from tests.conftest import Tenant

pytestmark = pytest.mark.slow
"""Starts processes of its own: `make test` runs it, `make test-fast` leaves it out."""

CLIENT = Path("client")
README = Path("README.md")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Python of a fresh venv holding only `tracking-plans-client` and its dependencies."""
    root = tmp_path_factory.mktemp("client-venv")
    # building in a copy keeps build/ and *.egg-info out of the repository
    source = shutil.copytree(
        CLIENT, root / "client", ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info")
    )
    venv.create(root / "venv", with_pip=True)
    python = root / "venv" / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return python


def readme_example() -> str:
    text = README.read_text()
    start = text.index("<!-- example:")
    block = text[start : text.index("<!-- end of example -->")]
    return block.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_client_installs_alone_without_the_servers_dependencies(installed: Path) -> None:
    probe = (
        "import importlib.util, json, tracking_plans, tracking_plans_client;"
        "print(json.dumps({name: importlib.util.find_spec(name) is not None"
        " for name in ['litestar', 'msgspec', 'asyncpg', 'pgserver', 'api', 'httpx']}))"
    )
    found = subprocess.run([installed, "-c", probe], check=True, capture_output=True, text=True, cwd=installed.parent)
    assert json.loads(found.stdout) == {
        "litestar": False,
        "msgspec": False,
        "asyncpg": False,
        "pgserver": False,
        "api": False,
        "httpx": True,
    }


def test_the_readme_example_passes_mypy_strict_with_only_the_installed_client(installed: Path, tmp_path: Path) -> None:
    script = tmp_path / "example.py"
    script.write_text(readme_example())
    env = {key: value for key, value in os.environ.items() if key not in ("MYPYPATH", "PYTHONPATH")}
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--python-executable",
            str(installed),
            str(script),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_readme_example_runs_against_a_live_server(
    installed: Path, tmp_path: Path, live_server: str, tenant: Tenant
) -> None:
    (tmp_path / "example.py").write_text(readme_example())
    env = {"PATH": os.environ["PATH"], "TRACKING_PLANS_URL": live_server, "TRACKING_PLANS_TOKEN": tenant.admin}
    ran = subprocess.run([installed, "example.py"], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    assert lines[0] == "created 301 rules in 2 calls"
    assert lines[1].startswith('300 funnel steps; Order Completed is stored as {"$schema":')
    assert lines[2] == "412 precondition-failed: read the plan again"
    assert lines[3].startswith("refused TRACK Broken v1 at rules[0].jsonSchema")
    csv_name = lines[4].removeprefix("wrote ").split(";")[0]
    assert csv_name.startswith(f"{tenant.slug}-checkout-web--") and (tmp_path / csv_name).read_text().startswith("Name")
    assert lines[4].endswith("copied 301 rules")

    plans = httpx.get(f"{live_server}/tracking-plans", headers=tenant.headers("admin")).json()["data"]["trackingPlans"]
    assert sorted(plan["name"] for plan in plans) == ["Checkout (copy)", "Checkout (web)"]
