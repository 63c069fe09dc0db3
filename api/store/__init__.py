"""PostgreSQL access: named SQL queries per aggregate; driver errors become `api.errors` here."""

from typing import Any, TypeAlias

import asyncpg
from asyncpg.pool import PoolConnectionProxy

Db: TypeAlias = "asyncpg.Pool[Any] | asyncpg.Connection[Any] | PoolConnectionProxy[Any]"
"""Anything that runs a query: the pool for single reads, a connection inside a transaction."""
