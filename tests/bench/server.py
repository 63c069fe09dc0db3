"""One uvicorn worker in a process of its own, started the same way for the service and the baseline."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
UVICORN_FLAGS = (
    "--factory",
    "--workers=1",
    "--loop=uvloop",
    "--http=httptools",
    "--lifespan=on",
    "--log-level=warning",
    "--no-access-log",
)
"""What `python -m api serve --workers 1` runs (its `auto` loop and http resolve to uvloop and httptools)."""
START_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Server:
    base_url: str
    pid: int


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def get_json(url: str, headers: dict[str, str]) -> Any:
    """The decoded body of a successful GET."""
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
        return msgspec.json.decode(response.read())


def _answers(url: str, headers: dict[str, str]) -> bool:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=2):
            return True
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"GET {url} answered {error.code}: {error.read().decode(errors='replace')}") from None
    except OSError:
        return False


@contextmanager
def running_server(app_factory: str, probe_path: str, headers: dict[str, str], env: dict[str, str]) -> Iterator[Server]:
    """Run `uvicorn <app_factory>` until the block ends; it is ready once `probe_path` answers 2xx."""
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", app_factory, f"--host={HOST}", f"--port={port}", *UVICORN_FLAGS]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            base_url = f"http://{HOST}:{port}"
            deadline = time.monotonic() + START_TIMEOUT_S
            while not _answers(base_url + probe_path, headers):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    output = log.read().decode(errors="replace")
                    raise RuntimeError(f"{app_factory} did not start on port {port}:\n{output}")
                time.sleep(0.1)
            yield Server(base_url=base_url, pid=process.pid)
        finally:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Let uvicorn shut down (and the service close its pool) before the database is dropped."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
