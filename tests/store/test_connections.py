"""What a real socket sees: slow and idle clients are closed, and unreadable requests get the envelope."""

import json
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests import serving

pytestmark = pytest.mark.slow  # real processes: left out of make test-fast

TIMEOUTS = {"TIMEOUT_REQUEST": "1", "TIMEOUT_KEEP_ALIVE": "1"}
LONG_ENOUGH = 15.0
"""Seconds a test waits for the server to act on a one-second timeout before it fails."""


@pytest.fixture(scope="module")
def address(database_url: str) -> Iterator[tuple[str, int]]:
    with serving.serving({"DATABASE_URL": database_url, **TIMEOUTS}) as base:
        parts = urlsplit(base)
        yield parts.hostname or "127.0.0.1", parts.port or 80


def _read_until_closed(conn: socket.socket) -> bytes:
    conn.settimeout(LONG_ENOUGH)
    received = b""
    while chunk := conn.recv(65536):
        received += chunk
    return received


def _envelope(answer: bytes) -> tuple[int, dict[str, object]]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, json.loads(body)


def test_a_connection_that_sends_nothing_is_closed_with_a_408(address: tuple[str, int]) -> None:
    with socket.create_connection(address) as conn:
        status, body = _envelope(_read_until_closed(conn))
    assert status == 408
    assert body["errors"][0]["type"] == "request-timeout"  # type: ignore[index]


def test_a_request_head_trickling_in_is_cut_off(address: tuple[str, int]) -> None:
    with socket.create_connection(address) as conn:
        conn.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        conn.settimeout(0.2)
        deadline = time.monotonic() + LONG_ENOUGH
        answer = b""
        while not answer:
            assert time.monotonic() < deadline, "the server kept a trickling client"
            try:
                conn.sendall(b"X")  # one byte of a header that never ends, each restarting uvicorn's own idle timer
                answer = conn.recv(65536)
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                break
    assert answer.startswith(b"HTTP/1.1 408")


def test_an_idle_keep_alive_connection_is_closed(address: tuple[str, int]) -> None:
    with socket.create_connection(address) as conn:
        conn.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = _read_until_closed(conn)  # the answer, then the close when keep-alive runs out
    assert answer.startswith(b"HTTP/1.1 200") and answer.endswith(b'{"status":"ok"}')


@pytest.mark.parametrize("length", [100_000, 1_000_000])
def test_a_very_long_url_gets_the_envelope(address: tuple[str, int], length: int) -> None:
    with socket.create_connection(address) as conn:
        conn.sendall(b"GET /tracking-plans?q=" + b"a" * length + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        status, body = _envelope(_read_until_closed(conn))
    assert status in (400, 414)
    [error] = body["errors"]  # type: ignore[misc]
    assert error["status"] == status and error["message"]
