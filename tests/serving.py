"""Running `python -m api serve` as a real process, as operators run it, for tests of its life and its sockets."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start(
    env: dict[str, str], *args: str, stderr: int | None = subprocess.PIPE
) -> tuple["subprocess.Popen[bytes]", str]:
    """Start the service with `env` over the current environment; answer it and its base URL once /health answers."""
    port = free_port()
    command = [sys.executable, "-m", "api", "serve", "--port", str(port), *args]
    server = subprocess.Popen(command, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=stderr)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return server, base
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            _, output = server.communicate()
            raise RuntimeError(f"the service did not start: {output!r}")
        time.sleep(0.1)


def stop(server: "subprocess.Popen[bytes]", sig: signal.Signals = signal.SIGTERM) -> int:
    """Send `sig` and wait for the process to end; answer its exit status."""
    server.send_signal(sig)
    try:
        return server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
        raise
    finally:
        if server.stderr:
            server.stderr.close()


@contextmanager
def serving(env: dict[str, str], *args: str) -> Iterator[str]:
    """The service's base URL while it runs; SIGTERM when done."""
    server, base = start(env, *args)
    try:
        yield base
    finally:
        stop(server)


def processes_using(path: Path) -> list[int]:
    """PIDs of the processes whose command line names `path` (the embedded PostgreSQL names its data directory)."""
    found = []
    needle = str(path).encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue  # ended while we looked
        if needle in cmdline:
            found.append(int(entry.name))
    return found


def wait_until_none(path: Path, timeout: float = 10) -> list[int]:
    """Wait up to `timeout` s for every process naming `path` to end; answer those still running."""
    deadline = time.monotonic() + timeout
    while (left := processes_using(path)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left
