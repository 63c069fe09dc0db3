"""Settings read from the environment."""

import os
from pathlib import Path

import msgspec


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
    event_retention_days: int = 30
    """How long the Tracking API's hourly aggregates and debugger entries are kept."""

    @classmethod
    def from_env(cls) -> "Settings":
        """Read `DATABASE_URL`, `DATA_DIR`, `HOST`, `PORT`, `WORKERS`, `POOL_SIZE` and `EVENT_RETENTION_DAYS`."""
        env = os.environ
        return cls(
            database_url=env.get("DATABASE_URL") or None,
            data_dir=Path(env.get("DATA_DIR", ".data")),
            host=env.get("HOST", "127.0.0.1"),
            port=int(env.get("PORT", "8000")),
            workers=int(env.get("WORKERS", "1")),
            pool_size=int(env.get("POOL_SIZE", "10")),
            event_retention_days=int(env.get("EVENT_RETENTION_DAYS", "30")),
        )
