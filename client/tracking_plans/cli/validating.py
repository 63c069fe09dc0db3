"""`trackplan validate`: events checked against a plan folder by the server's engine here, or by the server.

A finding is an event (`EventSource`: file, line, raw JSON) and its problems, each a violation in Segment's shape
(`type`, `field`, `description`); an event that cannot be read is one problem of the type `Invalid Event`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tracking_plans import TrackingPlans
from tracking_plans.cli.event_files import EventSource
from tracking_plans.cli.folders import read_folder
from tracking_plans.cli.offline import compile_folder
from tracking_plans.cli.sync import CliError

VALIDATE_CALL_SIZE = 1000
"""The most events the validate endpoints take in one call."""
Finding = tuple[EventSource, list[dict[str, Any]]]


def annotation(text: str, property_value: bool = False) -> str:
    """Text escaped as GitHub's workflow commands want it (`%`, CR, LF; also `:` and `,` in a property)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def validate_offline(path: Path, sources: list[EventSource]) -> list[Finding]:
    """Each event checked by the server's engine against the rules of the plan folder `path` (no network)."""
    from api.domain.validation import EventError, read_event  # compile_folder said if the server package is missing

    compiled = compile_folder(read_folder(path))
    findings: list[Finding] = []
    for source in sources:
        try:
            event = read_event(source.raw)
        except EventError as exc:
            findings.append((source, [{"type": "Invalid Event", "field": "(root)", "description": str(exc)}]))
            continue
        if compiled.is_valid(event):  # the fast verdict first: most events are valid
            findings.append((source, []))
            continue
        checked = compiled.check(event)
        findings.append(
            (source, [{"type": v.type, "field": v.field, "description": v.description} for v in checked.all_violations])
        )
    return findings


def validate_online(
    client: TrackingPlans, plan: str | None, source_id: str | None, sources: list[EventSource]
) -> list[Finding]:
    """Each event checked by the server: as the source `source_id` would check it, else against the plan `plan`."""
    findings: list[Finding] = []
    for start in range(0, len(sources), VALIDATE_CALL_SIZE):
        chunk = sources[start : start + VALIDATE_CALL_SIZE]
        parsed = []
        for source in chunk:
            try:
                parsed.append(json.loads(source.raw))
            except ValueError as exc:
                raise CliError(f"{source.file}:{source.line}: not valid JSON: {exc}") from None
        if source_id is not None:
            results = [r.to_dict() for r in client.sources.validate(source_id, parsed).results]
        else:
            assert plan is not None
            results = [r.to_dict() for r in client.plans.validate(plan, parsed).results]
        for source, result in zip(chunk, results, strict=True):
            problems = list(result.get("violations") or [])
            if result.get("error"):
                problems.append({"type": "Invalid Event", "field": "(root)", "description": result["error"]})
            findings.append((source, problems))
    return findings
