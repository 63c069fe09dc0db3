"""Rate limits per token, in fixed windows, as Segment's Public API announces them (`X-RateLimit-*`)."""

import math
import time

import msgspec


class Allowance(msgspec.Struct, frozen=True):
    """What one request may know of its caller's limit: the `X-RateLimit-*` headers and, when refused, `Retry-After`."""

    allowed: bool
    limit: int
    """Requests per window."""
    remaining: int
    """Requests left in this window, never negative."""
    reset: int
    """When this window ends, in Unix epoch seconds."""
    retry_after: int
    """Whole seconds until the next window, at least 1."""

    def headers(self) -> list[tuple[bytes, bytes]]:
        """`X-RateLimit-Limit`, `-Remaining`, `-Reset`, and `Retry-After` on a refusal."""
        headers = [
            (b"x-ratelimit-limit", str(self.limit).encode()),
            (b"x-ratelimit-remaining", str(self.remaining).encode()),
            (b"x-ratelimit-reset", str(self.reset).encode()),
        ]
        if not self.allowed:
            headers.append((b"retry-after", str(self.retry_after).encode()))
        return headers


class RateLimiter:
    """Counts requests per caller key in fixed windows of `window` seconds, in this process only.

    Each key has its own counter, so a caller over its limit takes nothing from another. Counters of
    past windows are dropped when a window starts, so memory holds only the callers of one window.
    """

    def __init__(self, limit: int, window: int) -> None:
        self.limit = limit
        self.window = window
        self._current = -1
        self._counts: dict[bytes, int] = {}

    def take(self, key: bytes, now: float | None = None) -> Allowance:
        """Count one request of `key` (a token's hash, or the client's address) and say whether it may go on."""
        now = time.time() if now is None else now
        window = int(now // self.window)
        if window != self._current:
            self._current = window
            self._counts = {}
        count = self._counts.get(key, 0) + 1
        self._counts[key] = count
        reset = (window + 1) * self.window
        return Allowance(
            allowed=count <= self.limit,
            limit=self.limit,
            remaining=max(self.limit - count, 0),
            reset=reset,
            retry_after=max(math.ceil(reset - now), 1),
        )
