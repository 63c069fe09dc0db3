"""Finding the database (`DATABASE_URL`, or an embedded PostgreSQL), its pool, and transactions on it."""

import json
import os
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from asyncpg.exceptions import DeadlockDetectedError, SerializationError

from api.errors import Conflict
from api.settings import Settings
from api.store import Connection, Pool


def embedded_database_url(data_dir: Path) -> str:
    """Start (or reuse) the embedded PostgreSQL under `data_dir`; returns its DSN.

    Processes that ask for the same `data_dir` share one server, which stops when the last of
    them exits; it listens on a Unix socket inside `data_dir` only.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # pgserver asks for a runtime directory; without XDG_RUNTIME_DIR it uses /tmp, which is fine
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        from pgserver.postgres_server import PostgresServer, get_server  # only needed without DATABASE_URL

        with PostgresServer._lock:
            forget_dead_handles(data_dir.resolve() / "pg")
        server = get_server(data_dir.resolve() / "pg", cleanup_mode="stop")
    return str(server.get_uri())


def forget_dead_handles(pgdata: Path) -> list[int]:
    """Drop the PIDs of processes that no longer run from pgserver's list of the server's users; answer them.

    pgserver stops its server when the last process on `.handle_pids.json` exits, through an exit hook; a
    process killed without running it (SIGKILL, a crash) stays on the list, and the server then outlives
    every later user. Call with pgserver's lock held.
    """
    handles = pgdata / ".handle_pids.json"
    try:
        pids = [int(pid) for pid in json.loads(handles.read_text())]
    except (OSError, ValueError, TypeError):
        return []  # no list yet, or not one pgserver wrote: pgserver starts a new one
    dead = [pid for pid in pids if not _running(pid)]
    if dead:
        handles.write_text(json.dumps([pid for pid in pids if pid not in dead]))
    return dead


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it runs, as another user
    return True


def database_url(settings: Settings) -> str:
    return settings.database_url or embedded_database_url(settings.data_dir)


async def _keep_session(conn: Connection) -> None:
    """Connections go back to the pool as they are: the service sets no session state.

    asyncpg's default reset (`RESET ALL`, `UNLISTEN *`, ...) costs a round trip per checkout; an
    open transaction is still rolled back on release. Locks are transaction-scoped
    (`pg_advisory_xact_lock`), and migrations run on a connection of their own.
    """


async def create_pool(dsn: str, size: int) -> asyncpg.Pool:
    """Returns a connection pool; statements are prepared once per connection and cached by asyncpg."""
    pool = await asyncpg.create_pool(dsn, min_size=min(2, size), max_size=size, reset=_keep_session)
    assert pool is not None
    return pool


@asynccontextmanager
async def transaction(pool: Pool) -> AsyncIterator[Connection]:
    """A connection in a transaction that commits when the block ends and rolls back when it raises.

    A deadlock or serialization failure rolled the whole write back: it becomes a 409 asking the
    client to send the request again. The services take their locks in an order meant to prevent
    these; a race that still meets one (two sources forwarding to each other, deleted at once) is safe to retry.
    """
    try:
        async with pool.acquire() as conn, conn.transaction():
            yield conn
    except (DeadlockDetectedError, SerializationError) as exc:
        raise Conflict("A concurrent change to the same data got in the way; retry the request.") from exc


@asynccontextmanager
async def snapshot(pool: Pool) -> AsyncIterator[Connection]:
    """A connection in a read-only transaction that sees one state of the data, for a read of several queries."""
    async with pool.acquire() as conn, conn.transaction(isolation="repeatable_read", readonly=True):
        yield conn
