"""Prometheus metrics of the service, through prometheus-client.

Labels are bounded: the HTTP method (unknown methods are `OTHER`), the route *template* (`/tracking-plans/{planId}`,
or `unmatched` for paths no route has) and the status code; never an id, a token or other text a caller chose.
With several workers (`PROMETHEUS_MULTIPROC_DIR` set, as `python -m api serve --workers N` does), each worker
writes its figures to files there and `/metrics` on any worker answers the sum over all of them.
"""

import os
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

SHARED_DIRECTORY = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
"""Set (by `serve --workers N`) before the workers start, so read once, at import."""
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "unmatched"
"""The route label of requests whose path matches no route."""

REQUESTS = Counter("http_requests_total", "HTTP requests answered.", ["method", "route", "status"])
LATENCY = Histogram(
    "http_request_duration_seconds",
    "Time from a request's arrival to the end of its answer, in seconds.",
    ["method", "route", "status"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
POOL_IN_USE = Gauge(
    "db_pool_connections_in_use",
    "Database connections checked out of the pool, summed over workers.",
    multiprocess_mode="livesum",
)
POOL_SIZE = Gauge(
    "db_pool_connections", "Database connections open in the pool, summed over workers.", multiprocess_mode="livesum"
)
DATABASE_UNAVAILABLE = Counter(
    "db_unavailable_total", "Requests answered 503 because the database could not be reached."
)
RATE_LIMITED = Counter("http_rate_limited_total", "Requests refused with 429 by a token's rate limit.")


_children: dict[tuple[str, str, int], tuple[Any, Any]] = {}
"""The counter and histogram of each label set, looked up once: `labels()` costs more than the count itself."""


def observe(method: str, route: str, status: int, seconds: float) -> None:
    """Count one answered request; `route` must be a template or `UNMATCHED`, never the path as sent."""
    method = method if method in KNOWN_METHODS else "OTHER"
    children = _children.get((method, route, status))
    if children is None:
        labels = (method, route, str(status))
        children = _children[method, route, status] = (REQUESTS.labels(*labels), LATENCY.labels(*labels))
    children[0].inc()
    children[1].observe(seconds)


def watch_pool(pool: Any) -> None:
    """Report `pool`'s connections: read at each scrape, or (several workers) written by `count_pool` per request."""
    if not SHARED_DIRECTORY:
        POOL_SIZE.set_function(pool.get_size)
        POOL_IN_USE.set_function(lambda: pool.get_size() - pool.get_idle_size())


def count_pool(pool: Any) -> None:
    """With several workers, each writes its pool's figures as it answers (a scrape reaches only one worker)."""
    if SHARED_DIRECTORY:
        size = pool.get_size()
        POOL_SIZE.set(size)
        POOL_IN_USE.set(size - pool.get_idle_size())


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus' text format and its media type: this process's, or all workers' when shared."""
    if SHARED_DIRECTORY:
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=SHARED_DIRECTORY)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
