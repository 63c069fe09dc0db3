"""PostgreSQL access: named SQL queries per aggregate; driver errors become `api.errors` here."""

from typing import Any, TypeAlias

import asyncpg
from asyncpg.pool import PoolConnectionProxy

Db: TypeAlias = "asyncpg.Pool[Any] | asyncpg.Connection[Any] | PoolConnectionProxy[Any]"
"""Anything that runs a query: the pool for single reads, a connection inside a transaction."""
Pool: TypeAlias = asyncpg.Pool
"""The connection pool the app holds; services open transactions on it (see `api.store.database`)."""
Connection: TypeAlias = "asyncpg.Connection[Any] | PoolConnectionProxy[Any]"
"""A connection inside a transaction: what writes and locks run on."""
