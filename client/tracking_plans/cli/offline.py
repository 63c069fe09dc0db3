"""What `trackplan` does without a server, with the server's own code (the `tracking-plans` distribution):
`lint` runs the checks a rule gets when it is written (api/domain/rules.py, api/domain/rule_checks.py), and
offline `validate` compiles the folder's rules with the validation engine (api/domain/validation).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from tracking_plans.cli.folders import PlanFolder
from tracking_plans.models import RuleInput

if TYPE_CHECKING:
    from api.domain.validation import CompiledPlan


class ServerCodeMissing(Exception):
    """The server package is not installed: offline commands need it (`pip install` the root project)."""


def _server() -> Any:
    try:
        import msgspec

        from api.domain import rules
        from api.errors import ApiError
    except ImportError as exc:  # the client alone was installed
        raise ServerCodeMissing(
            f"offline commands need the server package (`pip install` the tracking-plans project): {exc}"
        ) from None
    return msgspec, rules, ApiError


def lint(folder: PlanFolder, only: Iterable[RuleInput] | None = None) -> Iterator[str]:
    """One message per problem, each naming the rule's file and the field at fault (as the server would).

    `only` limits the checks to the rules about to be sent (`diff`, `apply`); `lint` itself checks every rule.
    """
    msgspec, rules, api_error = _server()
    for rule in folder.rules if only is None else only:
        where = folder.files.get(rule.id, folder.path)
        try:
            # as the server reads a rule: from its JSON text (the schema's own text is what is stored and measured)
            body = json.dumps(rule.to_wire(), allow_nan=False)
        except ValueError:
            yield f"{where}: jsonSchema: NaN and infinities are not JSON numbers"
            continue
        try:
            checked = msgspec.json.decode(body, type=rules.RuleInput)
            rules.check_rules([checked], where="rule")
        except msgspec.ValidationError as exc:
            yield f"{where}: {str(exc).replace('$.', '').replace('`$', '`')}"
        except api_error as exc:
            field = (exc.field or "").removeprefix("rule[0]").lstrip(".")
            yield f"{where}: {field + ': ' if field else ''}{exc.message}"


def compile_folder(folder: PlanFolder) -> CompiledPlan:
    """The folder's rules compiled by the server's engine; ValueError for a schema it cannot compile."""
    _server()
    from api.domain.validation import PlanRule, SchemaError, compile_plan

    try:
        return compile_plan(
            PlanRule(type=rule.type, key=rule.key, version=rule.version, json_schema=rule.json_schema)
            for rule in folder.rules
        )
    except SchemaError as exc:
        raise ValueError(
            f"{folder.path}: a rule schema the engine cannot compile ({exc}): run `trackplan lint`"
        ) from None
