"""Who a token is, remembered for a second per worker, so that most requests check their token without a query."""

import time

from api.domain.tokens import Principal

TOKEN_CACHE_SECONDS = 1.0
"""How long a worker trusts what it read about a token: a revoked token is refused by every worker this long after."""
MAX_ENTRIES = 10_000
"""Tokens remembered at once per worker; past this the cache starts again empty (one query per token then)."""


class TokenCache:
    """Principals by the hash of their token's secret (never the secret), each for `seconds` after it was read.

    An entry's age counts from before its query, so an answer read before a revocation is never trusted past
    `seconds` after it. Unknown tokens are not remembered: a token created a moment ago works at once.
    """

    def __init__(self, seconds: float = TOKEN_CACHE_SECONDS) -> None:
        self.seconds = seconds
        self._entries: dict[bytes, tuple[Principal, float]] = {}

    def get(self, secret_hash: bytes) -> Principal | None:
        """The principal read for this hash less than `seconds` ago, or None."""
        entry = self._entries.get(secret_hash)
        if entry is None:
            return None
        principal, expires = entry
        if time.monotonic() >= expires:
            del self._entries[secret_hash]
            return None
        return principal

    def put(self, secret_hash: bytes, principal: Principal, read_since: float) -> None:
        """Remember `principal`, read by a query that started at `read_since` (time.monotonic())."""
        if len(self._entries) >= MAX_ENTRIES:
            self._entries.clear()
        self._entries[secret_hash] = (principal, read_since + self.seconds)

    def forget(self, token_id: str) -> None:
        """Drop a revoked token at once in this worker (the others drop it when their entry ages out)."""
        self._entries = {key: entry for key, entry in self._entries.items() if entry[0].token_id != token_id}
