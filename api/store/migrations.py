"""Forward-only migrations from `api/migrations/NNNN_name.sql`, applied under an advisory lock."""

import re
from importlib import resources

import asyncpg

_MIGRATION_FILE = re.compile(r"^(\d{4})_(\w+)\.sql$")
_LOCK_KEY = 7_402_193_113
"""Advisory lock held while migrating, so workers or replicas starting together take turns."""

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)
"""


def available() -> list[tuple[int, str, str]]:
    """Every migration shipped with the service: (version, name, sql), in order."""
    found = []
    for entry in resources.files("api").joinpath("migrations").iterdir():
        if match := _MIGRATION_FILE.match(entry.name):
            found.append((int(match[1]), match[2], entry.read_text()))
    return sorted(found)


async def migrate(dsn: str) -> list[str]:
    """Apply pending migrations, each in its own transaction; returns the names applied."""
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("SELECT pg_advisory_lock($1)", _LOCK_KEY)
        try:
            await conn.execute(_BOOKKEEPING)
            applied = {row["version"] for row in await conn.fetch("SELECT version FROM schema_migrations")}
            done = []
            for version, name, sql in available():
                if version in applied:
                    continue
                async with conn.transaction():
                    await conn.execute(sql)
                    await conn.execute("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", version, name)
                done.append(f"{version:04d}_{name}")
            return done
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", _LOCK_KEY)
    finally:
        await conn.close()


async def pending(conn: asyncpg.Connection) -> list[str]:
    """The shipped migrations this database has not applied yet (all of them on a database never migrated)."""
    if await conn.fetchval("SELECT to_regclass('schema_migrations')") is None:
        applied: set[int] = set()
    else:
        applied = {row["version"] for row in await conn.fetch("SELECT version FROM schema_migrations")}
    return [f"{version:04d}_{name}" for version, name, _ in available() if version not in applied]
