"""Stopping the service stops what it started: the embedded PostgreSQL too, also after an earlier crash."""

import contextlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests import serving

pytestmark = pytest.mark.slow  # real processes: left out of make test-fast

EMBEDDED = {"DATABASE_URL": ""}
"""No DATABASE_URL: the service starts the embedded PostgreSQL under DATA_DIR."""


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A fresh DATA_DIR; whatever still runs from it when a test fails is stopped, so no server outlives the run."""
    yield tmp_path / "data"
    for pid in serving.processes_using(tmp_path / "data"):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)


def test_sigterm_stops_the_service_and_its_embedded_postgresql(data_dir: Path) -> None:
    server, base = serving.start({**EMBEDDED, "DATA_DIR": str(data_dir)})
    assert httpx.get(f"{base}/ready").status_code == 200
    assert serving.processes_using(data_dir), "the embedded PostgreSQL should run while the service does"

    assert serving.stop(server, signal.SIGTERM) == 0

    assert serving.wait_until_none(data_dir) == []


def test_a_start_after_a_sigkill_still_stops_everything_on_sigterm(data_dir: Path) -> None:
    env = {**EMBEDDED, "DATA_DIR": str(data_dir)}
    killed, _ = serving.start(env)
    serving.stop(killed, signal.SIGKILL)
    # nothing ran pgserver's exit hook: its server runs on, and its list of users names the dead process
    assert serving.processes_using(data_dir)

    server, base = serving.start(env)
    assert httpx.get(f"{base}/ready").status_code == 200
    assert serving.stop(server, signal.SIGTERM) == 0

    assert serving.wait_until_none(data_dir) == []
