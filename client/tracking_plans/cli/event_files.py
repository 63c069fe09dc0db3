"""Reading sample events for `trackplan validate`: JSON files (one event or an array), JSON Lines, directories.

Each event comes with the file and line it starts on, so that a violation can point at it (GitHub annotations).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tracking_plans.cli.folders import NoSuchPath

EVENT_SUFFIXES = (".json", ".jsonl", ".ndjson")


class EventFileError(Exception):
    """A file that is not JSON or JSON Lines, or a path that does not exist: the message names file and line."""


@dataclass(frozen=True, slots=True)
class EventSource:
    """One event's raw JSON text (bytes) and where it was read."""

    file: str
    line: int
    raw: bytes


def event_paths(paths: list[Path]) -> list[Path]:
    """The files to read: each file given, and the `.json`/`.jsonl`/`.ndjson` files under each directory, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in EVENT_SUFFIXES and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise NoSuchPath(f"{path}: no such file or directory")
    return found


def read_events(path: Path) -> Iterator[EventSource]:
    """The events of one file: JSON Lines (`.jsonl`, `.ndjson`, or any file whose first line is an event) one per
    line, else one JSON document that is an event or an array of events."""
    data = path.read_bytes()
    if path.suffix in (".jsonl", ".ndjson"):
        yield from _lines(path, data)
        return
    stripped = data.lstrip()
    if stripped.startswith(b"["):
        yield from _array(path, data.decode("utf-8", "replace"))
        return
    first_line_end = data.find(b"\n", len(data) - len(stripped))
    if first_line_end != -1 and data[first_line_end:].strip():
        try:
            json.loads(data[:first_line_end])
        except ValueError:
            pass
        else:  # several documents, one per line
            yield from _lines(path, data)
            return
    yield EventSource(str(path), 1 + data.count(b"\n", 0, len(data) - len(stripped)), data)


def _lines(path: Path, data: bytes) -> Iterator[EventSource]:
    for number, line in enumerate(data.split(b"\n"), 1):
        if line.strip():
            yield EventSource(str(path), number, line)


def _array(path: Path, text: str) -> Iterator[EventSource]:
    decoder = json.JSONDecoder()
    at = text.index("[") + 1
    line, counted = 1, 0
    while True:
        at = _skip_space(text, at)
        if at >= len(text):
            raise EventFileError(f"{path}:{line + text.count(chr(10), counted, at)}: the array is not closed")
        if text[at] == "]":
            return
        line += text.count("\n", counted, at)
        counted = at
        try:
            _, end = decoder.raw_decode(text, at)
        except json.JSONDecodeError as exc:
            raise EventFileError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
        yield EventSource(str(path), line, text[at:end].encode())
        at = _skip_space(text, end)
        if at < len(text) and text[at] == ",":
            at += 1
        elif at < len(text) and text[at] != "]":
            raise EventFileError(f"{path}:{line + text.count(chr(10), counted, at)}: expected `,` or `]`")


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at
