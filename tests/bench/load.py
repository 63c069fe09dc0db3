"""Load from wrk in a process of its own: requests per second and latency percentiles of one URL."""

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import msgspec

from tests.bench.cpu import process_cpu_seconds

REPORTER = Path(__file__).with_name("report.lua")
_RESULT_LINE = re.compile(r"^BENCH_RESULT (\{.*\})$", re.MULTILINE)


class WrkTotals(msgspec.Struct):
    """What report.lua prints after a run."""

    requests: int
    duration_us: int
    p50_us: int
    p99_us: int
    failed_status: int
    """Responses with a status of 400 or more."""
    socket_errors: int


@dataclass(frozen=True)
class LoadSettings:
    seconds: int
    warmup_seconds: int
    connections: int
    threads: int


@dataclass(frozen=True)
class Measurement:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    server_cpu_us: float | None
    """CPU time the server process spent per request; near 1e6 / requests_per_s when it is the bottleneck."""


def require_wrk() -> str:
    """The path of wrk, or exit saying how to install it."""
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("wrk is not installed; the benchmark drives the server with it: apt-get install wrk")
    return wrk


def _run_wrk(wrk: str, url: str, headers: dict[str, str], seconds: int, settings: LoadSettings) -> WrkTotals:
    command = [
        wrk,
        f"--threads={settings.threads}",
        f"--connections={settings.connections}",
        f"--duration={seconds}s",
        "--timeout=5s",
        f"--script={REPORTER}",
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    finished = subprocess.run([*command, url], capture_output=True, text=True, check=False)
    found = _RESULT_LINE.search(finished.stdout)
    if finished.returncode != 0 or found is None:
        raise RuntimeError(f"wrk failed on {url} (exit {finished.returncode}):\n{finished.stdout}{finished.stderr}")
    return msgspec.json.decode(found[1], type=WrkTotals)


def measure(wrk: str, url: str, headers: dict[str, str], settings: LoadSettings, server_pid: int) -> Measurement:
    """Warm the server up, then load it for `settings.seconds`; every response must be a success."""
    if settings.warmup_seconds:
        _run_wrk(wrk, url, headers, settings.warmup_seconds, settings)
    cpu_before = process_cpu_seconds(server_pid)
    totals = _run_wrk(wrk, url, headers, settings.seconds, settings)
    cpu_after = process_cpu_seconds(server_pid)
    if totals.failed_status or totals.socket_errors or not totals.requests:
        raise RuntimeError(
            f"{url}: {totals.failed_status} error responses and {totals.socket_errors} socket errors "
            f"in {totals.requests} requests; a benchmark of failures measures nothing"
        )
    server_cpu_us = None
    if cpu_before is not None and cpu_after is not None:
        server_cpu_us = (cpu_after - cpu_before) * 1e6 / totals.requests
    return Measurement(
        requests_per_s=totals.requests / (totals.duration_us / 1e6),
        p50_ms=totals.p50_us / 1000,
        p99_ms=totals.p99_us / 1000,
        server_cpu_us=server_cpu_us,
    )
