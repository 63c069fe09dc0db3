"""Plan folders, the files `trackplan` keeps plans in: `plan.yaml` and `rules/<one file per rule>.yaml`.

A folder holds one plan: `plan.yaml` (`id`, `name`, `description`, `type`; no `id` yet for a plan to create) and
one YAML file per rule with `type`, `key`, `version`, `description`, `labels` and `jsonSchema`, the schema as YAML.
A rule's file name is derived from its identity (safe for any key, stable from pull to pull); what counts is the
file's content, so a new rule may be written in a file of any name.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml_rs

from tracking_plans.models import Rule, RuleId, RuleInput, TrackingPlan

PLAN_FILE = "plan.yaml"
RULES_DIR = "rules"
RULE_FIELDS = ("type", "key", "version", "description", "labels", "jsonSchema")

_LINE = re.compile(r"\bline (\d+)")


class FolderError(Exception):
    """A plan folder that cannot be read as it is: the message names the file (and line) and what to fix."""


class NoSuchPath(FileNotFoundError):
    """A folder or file named on the command line that does not exist (a usage error)."""


def safe_name(text: str, limit: int = 60) -> str:
    """A file name part for any text: ASCII letters, digits and `-`, never empty, never `.` or `..`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")
    return slug or "rule"


def rule_file_name(rule: RuleId) -> str:
    """`track.order-completed.v1.1a2b3c4d.yaml`: readable, and the hash of the exact key keeps apart keys that slug
    alike (`Order Completed`, `order completed`); `identify.v1.yaml` for the keyless types."""
    kind = rule.type.lower()
    if rule.key is None:
        return f"{kind}.v{rule.version}.yaml"
    digest = hashlib.sha256(rule.key.encode()).hexdigest()[:8]
    return f"{kind}.{safe_name(rule.key)}.v{rule.version}.{digest}.yaml"


def dump_yaml(document: Any) -> str:
    """YAML 1.2 in block style, keys in the order given (yaml-rs: PyYAML took 1 s to write 1,000 rules, this 0.1 s)."""
    return yaml_rs.dumps(document, compact=False) + "\n"


def load_yaml(path: Path) -> Any:
    """A YAML file (YAML 1.2: `yes` stays a string); FolderError naming the file and line when it is not valid YAML
    or repeats a key."""
    try:
        return yaml_rs.loads(path.read_text(encoding="utf-8"), parse_datetime=False)
    except yaml_rs.YAMLDecodeError as exc:
        first = str(exc).splitlines()[0]
        line = _LINE.search(first)
        where = f"{path}:{line.group(1)}" if line else str(path)
        raise FolderError(
            f"{where}: not valid YAML: {_LINE.sub('', first).replace(' at , column', ' at column')}"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FolderError(f"{path}: cannot be read: {exc}") from None


@dataclass(slots=True)
class PlanFile:
    """`plan.yaml`: the plan's own fields; `id` None for a plan `apply` must create."""

    name: str
    type: str = "LIVE"
    description: str | None = None
    id: str | None = None

    def document(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "description": self.description, "type": self.type}


@dataclass(slots=True)
class PlanFolder:
    """A plan folder as read: its plan and rules (with the file each came from)."""

    path: Path
    plan: PlanFile
    rules: list[RuleInput] = field(default_factory=list)
    files: dict[RuleId, Path] = field(default_factory=dict)


def rule_document(rule: Rule | RuleInput) -> dict[str, Any]:
    """A rule as its file holds it, fields in a fixed order, absent ones left out."""
    document: dict[str, Any] = {"type": rule.type}
    if rule.key is not None:
        document["key"] = rule.key
    document["version"] = rule.version
    if rule.description is not None:
        document["description"] = rule.description
    if rule.labels:
        document["labels"] = dict(sorted(rule.labels.items()))
    document["jsonSchema"] = rule.json_schema
    return document


def write_plan(folder: Path, plan: TrackingPlan) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    document = PlanFile(plan.name, plan.type, plan.description, plan.id).document()
    _write_if_changed(folder / PLAN_FILE, dump_yaml(document))


def write_plan_id(folder: Path, plan_id: str) -> None:
    """Records a created plan's id in its `plan.yaml`, so that a later `apply` updates it instead."""
    document = load_yaml(folder / PLAN_FILE)
    document = {"id": plan_id, **{k: v for k, v in document.items() if k != "id"}}
    _write_if_changed(folder / PLAN_FILE, dump_yaml(document))


def write_rules(folder: Path, rules: Iterable[Rule], *, prune: bool) -> int:
    """Writes each rule's file (only when its bytes change); with `prune`, deletes the rule files not written.

    Answers how many files were written or deleted.
    """
    rules_dir = folder / RULES_DIR
    rules_dir.mkdir(parents=True, exist_ok=True)
    written, touched = set(), 0
    for rule in rules:
        name = rule_file_name(rule.id)
        written.add(name)
        touched += _write_if_changed(rules_dir / name, dump_yaml(rule_document(rule)))
    if prune:
        for stale in rules_dir.glob("*.yaml"):
            if stale.name not in written:
                stale.unlink()
                touched += 1
    return touched


def _write_if_changed(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return 0
    path.write_bytes(data)
    return 1


def find_plan_folder(root: Path, plan_id: str) -> Path | None:
    """The folder under `root` whose `plan.yaml` names `plan_id` (a renamed plan keeps its folder)."""
    for plan_yaml in sorted(root.glob(f"*/{PLAN_FILE}")):
        try:
            document = load_yaml(plan_yaml)
        except FolderError:
            continue
        if isinstance(document, dict) and document.get("id") == plan_id:
            return plan_yaml.parent
    return None


def plan_folders(path: Path) -> list[Path]:
    """`path` itself when it holds a `plan.yaml`, else each folder directly under it that does."""
    if (path / PLAN_FILE).is_file():
        return [path]
    if not path.is_dir():
        raise NoSuchPath(f"{path}: no such folder")
    found = sorted(p.parent for p in path.glob(f"*/{PLAN_FILE}"))
    if not found:
        raise NoSuchPath(
            f"{path}: no plan folders here (a plan folder holds a {PLAN_FILE}; `trackplan pull` writes them)"
        )
    return found


def read_folder(path: Path) -> PlanFolder:
    """Reads a plan folder; FolderError for bad YAML, a field of the wrong kind, or two files for one rule."""
    plan = _read_plan_file(path / PLAN_FILE)
    folder = PlanFolder(path, plan)
    rules_dir = path / RULES_DIR
    for rule_path in sorted(rules_dir.glob("*.yaml")) + sorted(rules_dir.glob("*.yml")):
        rule = _read_rule_file(rule_path)
        if rule.id in folder.files:
            raise FolderError(
                f"{rule_path}: {rule.id} is also in {folder.files[rule.id]}: one file per rule, delete one of them"
            )
        if rule_path.suffix == ".yaml" and _names_another_rule(rule_path.name, rule.id):
            raise FolderError(
                f"{rule_path}: the file name says another rule than its content ({rule.id}): "
                "rename the file or correct its type, key or version"
            )
        folder.files[rule.id] = rule_path
        folder.rules.append(rule)
    return folder


_CANONICAL = re.compile(
    r"^(?:(?:track|page|screen)\.[a-z0-9-]+\.v\d+\.[0-9a-f]{8}|(?:identify|group|common|track|page|screen)\.v\d+)\.yaml$"
)


def _names_another_rule(name: str, rule: RuleId) -> bool:
    """Whether a file name in the form `pull` writes names a different rule (a copied file whose content changed)."""
    return _CANONICAL.match(name) is not None and name != rule_file_name(rule)


def _read_plan_file(path: Path) -> PlanFile:
    if not path.is_file():
        raise FolderError(f"{path}: no such file (a plan folder holds a {PLAN_FILE})")
    document = load_yaml(path)
    if not isinstance(document, dict):
        raise FolderError(f"{path}: expected a mapping with name, description, type and id")
    unknown = set(document) - {"id", "name", "description", "type"}
    if unknown:
        raise FolderError(f"{path}: unknown field {sorted(unknown)[0]!r} (fields: id, name, description, type)")
    name, plan_id = document.get("name"), document.get("id")
    description, plan_type = document.get("description"), document.get("type", "LIVE")
    if not isinstance(name, str) or not name:
        raise FolderError(f"{path}: `name` must be a non-empty string")
    for label, value in (("id", plan_id), ("description", description)):
        if value is not None and not isinstance(value, str):
            raise FolderError(f"{path}: `{label}` must be a string")
    if not isinstance(plan_type, str):
        raise FolderError(f"{path}: `type` must be a string such as LIVE")
    return PlanFile(name=name, type=plan_type, description=description, id=plan_id)


def _read_rule_file(path: Path) -> RuleInput:
    document = load_yaml(path)
    if not isinstance(document, dict):
        raise FolderError(f"{path}: expected a mapping with {', '.join(RULE_FIELDS)}")
    unknown = set(document) - set(RULE_FIELDS)
    if unknown:
        raise FolderError(f"{path}: unknown field {sorted(unknown)[0]!r} (fields: {', '.join(RULE_FIELDS)})")
    rule_type, key, version = document.get("type"), document.get("key"), document.get("version")
    labels, description = document.get("labels") or {}, document.get("description")
    if not isinstance(rule_type, str):
        raise FolderError(f"{path}: `type` must be one of TRACK, IDENTIFY, GROUP, PAGE, SCREEN, COMMON")
    if key is not None and not isinstance(key, str):
        raise FolderError(f"{path}: `key` must be a string (quote it in YAML if it looks like a number)")
    if isinstance(version, bool) or not isinstance(version, int):
        raise FolderError(f"{path}: `version` must be an integer")
    if not isinstance(labels, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in labels.items()):
        raise FolderError(f"{path}: `labels` must map label keys to string values")
    if description is not None and not isinstance(description, str):
        raise FolderError(f"{path}: `description` must be a string")
    schema = document.get("jsonSchema")
    if schema is not None and not isinstance(schema, dict):
        raise FolderError(f"{path}: `jsonSchema` must be a mapping (or null)")
    return RuleInput(rule_type, key, version, schema, labels, description)  # type: ignore[arg-type]


def matches(
    rule: RuleId | RuleInput | Rule, labels: Mapping[str, str], keys: Iterable[str], types: Iterable[str]
) -> bool:
    """Whether a rule is in a selection (`--label K:V`, `--key`, `--type`; an empty criterion selects all)."""
    keys, types = set(keys), {t.upper() for t in types}
    if keys and rule.key not in keys:
        return False
    if types and rule.type not in types:
        return False
    if labels:
        own = getattr(rule, "labels", None) or {}
        return all(own.get(k) == v for k, v in labels.items())
    return True
