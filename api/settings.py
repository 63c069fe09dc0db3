"""Settings read from the environment."""

import os
from pathlib import Path
from typing import Annotated, Literal

import msgspec

Positive = Annotated[int, msgspec.Meta(ge=1)]
NonNegative = Annotated[int, msgspec.Meta(ge=0)]


class Settings(msgspec.Struct, kw_only=True, frozen=True):
    """How one process of the service is configured."""

    database_url: str | None = None
    """PostgreSQL DSN; None means the embedded server under `data_dir`."""
    data_dir: Path = Path(".data")
    """Where the embedded PostgreSQL keeps its files."""
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    pool_size: int = 10
    """asyncpg connections per worker process."""
    log_format: Literal["json", "text"] = "text"
    """One line per request, as a JSON object or as `key=value` text."""
    log_level: str = "INFO"
    """Level of the `api` logger; request lines are INFO, failed requests WARNING or ERROR."""
    rate_limit: NonNegative = 1000
    """Requests one token may make per `rate_limit_window` seconds, in each worker; 0 turns limits off."""
    rate_limit_window: Positive = 1
    """Seconds of one rate-limit window."""
    retry_after: Positive = 1
    """Seconds a client is told to wait (`Retry-After`) when the database is unreachable."""
    timeout_keep_alive: Positive = 5
    """Seconds an idle keep-alive connection stays open."""
    timeout_request: Annotated[float, msgspec.Meta(gt=0)] = 10.0
    """Seconds a connection has to send one whole request head before it is closed."""
    event_retention_days: NonNegative = 30
    """How long the Tracking API's hourly aggregates and debugger entries are kept."""
    observe_schema: bool = True
    """Keep each source's observed schema (its Schema view and what imports of observed events read)."""

    @classmethod
    def from_env(cls) -> "Settings":
        """Read `DATABASE_URL`, `DATA_DIR`, `HOST`, `PORT`, `WORKERS`, `POOL_SIZE`, `LOG_FORMAT`, `LOG_LEVEL`,
        `RATE_LIMIT`, `RATE_LIMIT_WINDOW`, `RETRY_AFTER`, `TIMEOUT_KEEP_ALIVE`, `TIMEOUT_REQUEST`,
        `EVENT_RETENTION_DAYS` and `OBSERVE_SCHEMA`.

        Raises msgspec.ValidationError naming the setting when a value has the wrong type.
        """
        env = os.environ
        values = {
            "database_url": env.get("DATABASE_URL") or None,
            "data_dir": env.get("DATA_DIR", ".data"),
            "host": env.get("HOST", "127.0.0.1"),
            "port": env.get("PORT", "8000"),
            "workers": env.get("WORKERS", "1"),
            "pool_size": env.get("POOL_SIZE", "10"),
            "log_format": env.get("LOG_FORMAT", "text").lower(),
            "log_level": env.get("LOG_LEVEL", "INFO").upper(),
            "rate_limit": env.get("RATE_LIMIT", "1000"),
            "rate_limit_window": env.get("RATE_LIMIT_WINDOW", "1"),
            "retry_after": env.get("RETRY_AFTER", "1"),
            "timeout_keep_alive": env.get("TIMEOUT_KEEP_ALIVE", "5"),
            "timeout_request": env.get("TIMEOUT_REQUEST", "10"),
            "event_retention_days": env.get("EVENT_RETENTION_DAYS", "30"),
            "observe_schema": env.get("OBSERVE_SCHEMA", "true").lower(),
        }
        # strings from the environment are converted as msgspec converts them: "8000" -> 8000
        return msgspec.convert(values, cls, strict=False, dec_hook=_path)


def _path(type_: type, value: object) -> object:
    if type_ is Path and isinstance(value, str):
        return Path(value)
    raise NotImplementedError
