"""CPU time from /proc (Linux): what the server process spends per request, and whether others share the machine."""

import os
import time
from pathlib import Path

_TICKS_PER_S = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu_seconds(pid: int) -> float | None:
    """User plus system time of `pid` so far; None where /proc is not there."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # fields after the command name, which may itself hold spaces and parentheses
    fields = stat.rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS_PER_S


def _busy_and_total_ticks() -> tuple[int, int] | None:
    try:
        counters = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return None
    idle = counters[3] + counters[4]  # idle and iowait
    return sum(counters) - idle, sum(counters)


def busy_cores(interval_s: float = 1.0) -> float | None:
    """How many CPUs' worth of work the machine does over `interval_s`; None where /proc is not there."""
    before = _busy_and_total_ticks()
    time.sleep(interval_s)
    after = _busy_and_total_ticks()
    if before is None or after is None:
        return None
    return (after[0] - before[0]) / _TICKS_PER_S / interval_s
