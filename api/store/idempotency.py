"""Replaying the first answer to a request that carries an `Idempotency-Key` seen in the last 24 hours."""

import hashlib

from api.errors import Conflict
from api.store import Connection
from api.store.queries import execute, fetchrow, load

_SQL = load("idempotency.sql")


def request_hash(body: bytes) -> bytes:
    return hashlib.sha256(body).digest()


async def recorded_response(
    conn: Connection, workspace_id: str, operation: str, key: str, body_hash: bytes
) -> bytes | None:
    """Returns the answer recorded for `key`, or None when it is new; locks the key until the transaction ends.

    The lock makes a concurrent request with the same key wait, then find this one's answer.
    """
    named = {"workspace_id": workspace_id, "operation": operation, "key": key}
    await execute(conn, _SQL["lock_idempotency_key"], **named)
    row = await fetchrow(conn, _SQL["get_idempotent_response"], **named)
    if row is None:
        return None
    if row["request_hash"] != body_hash:
        raise Conflict("This Idempotency-Key was used with another request body.", subject="idempotency key")
    response: bytes = row["response"]
    return response


async def record_response(
    conn: Connection, workspace_id: str, operation: str, key: str, body_hash: bytes, response: bytes
) -> None:
    await execute(conn, _SQL["forget_expired_keys"], workspace_id=workspace_id)
    await execute(
        conn,
        _SQL["record_idempotent_response"],
        workspace_id=workspace_id,
        operation=operation,
        key=key,
        request_hash=body_hash,
        response=response,
    )
