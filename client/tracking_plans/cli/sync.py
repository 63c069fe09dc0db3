"""`pull`, `diff` and `apply`: plan folders and the server made alike, in one direction or the other."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from tracking_plans import TrackingPlans
from tracking_plans.cli.changes import PlanChanges, compare_rules
from tracking_plans.cli.folders import (
    PlanFolder,
    find_plan_folder,
    matches,
    safe_name,
    write_plan,
    write_plan_id,
    write_rules,
)
from tracking_plans.errors import NotFound, PreconditionFailed, RulesBatchError
from tracking_plans.models import Rule, TrackingPlan
from tracking_plans.rule_batches import BATCH_SIZE

T = TypeVar("T")


class CliError(Exception):
    """An error `trackplan` reports in one line and exits with `exit_code` (see EXIT_CODES in the README)."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


@dataclass(frozen=True, slots=True)
class Selection:
    """Which rules a command covers: `--label K:V` (all must match), `--key`, `--type`; empty selects all."""

    labels: dict[str, str] = field(default_factory=dict)
    keys: tuple[str, ...] = ()
    types: tuple[str, ...] = ()

    @property
    def everything(self) -> bool:
        return not (self.labels or self.keys or self.types)

    def covers(self, rule: Any) -> bool:
        return matches(rule, self.labels, self.keys, self.types)


def pull(client: TrackingPlans, root: Path, plan_ids: Sequence[str], selection: Selection) -> list[tuple[Path, int]]:
    """Writes each plan (all, or those named) into its folder under `root`; answers each folder and how many
    files changed. A selective pull writes only the selected rules and deletes nothing."""
    plans = [client.plans.get(plan_id) for plan_id in plan_ids] if plan_ids else list(client.plans.list())
    written = []
    for plan in plans:
        folder = find_plan_folder(root, plan.id) if root.is_dir() else None
        if folder is None:
            folder = root / safe_name(plan.slug or plan.name)
            if folder.exists():  # another plan's folder, or files of no plan: keep them apart
                folder = root / f"{safe_name(plan.slug or plan.name)}-{safe_name(plan.id)}"
        rules = [rule for rule in client.rules.list(plan.id) if selection.covers(rule)]
        write_plan(folder, plan)
        written.append((folder, write_rules(folder, rules, prune=selection.everything)))
    return written


def plan_changes(client: TrackingPlans, folder: PlanFolder, selection: Selection) -> PlanChanges:
    """What `apply` would do to the plan of `folder`; CliError (exit 3) when its plan was deleted."""
    path = folder.path
    wanted = [rule for rule in folder.rules if selection.covers(rule)]
    changes = PlanChanges(folder=str(path), name=folder.plan.name, plan_id=folder.plan.id)
    if changes.plan_id is None:
        changes.plan_id = _plan_named(client, folder)
        changes.adopted = changes.plan_id is not None
    live: list[Rule] = []
    if changes.plan_id is not None:
        try:
            plan = client.plans.get(changes.plan_id)  # before the rules: a change in between makes If-Match fail
        except NotFound:
            raise CliError(
                f"{path}: plan {changes.plan_id} no longer exists on the server; delete its `id` from plan.yaml "
                "to create it again, or delete the folder",
                exit_code=3,
            ) from None
        changes.etag = plan.etag
        for name, old, new in (
            ("name", plan.name, folder.plan.name),
            ("description", plan.description, folder.plan.description),
        ):
            if new is not None and old != new:
                changes.fields.append((f"/{name}", old, new))
        live = list(client.rules.list(plan.id))
    compare_rules(changes, wanted, live, folder.files, selection.covers)
    return changes


def _plan_named(client: TrackingPlans, folder: PlanFolder) -> str | None:
    """The id of the one plan named as the folder's plan.yaml (which has no id yet), or None when there is none.

    An `apply` whose new plan's id was not recorded (a CI checkout, an interruption) must not create it twice.
    """
    same = [plan.id for plan in client.plans.list() if plan.name == folder.plan.name]
    if len(same) > 1:
        raise CliError(
            f"{folder.path}: {len(same)} plans are named {folder.plan.name!r} ({', '.join(same)}): write the id "
            f"of this folder's plan in its plan.yaml",
            exit_code=4,
        )
    return same[0] if same else None


def apply(
    client: TrackingPlans,
    changes: PlanChanges,
    plan_type: str,
    description: str | None,
    progress: Callable[[int], None],
) -> list[str]:
    """Makes the server's plan what `changes` says, in batches of at most 200 chained by `If-Match`; calls
    `progress(n)` after each batch of n rules; answers what was done, one line each.

    Raises CliError (exit 3) when the plan changed since `changes` was computed, saying what was applied.
    """
    done: list[str] = []
    if changes.adopted and changes.plan_id is not None:
        write_plan_id(Path(changes.folder), changes.plan_id)
        done.append(f"recorded the id of plan {changes.plan_id}, found by its name, in plan.yaml")
    try:
        if changes.plan_id is None:
            created: TrackingPlan = client.plans.create(changes.name, type=plan_type, description=description)
            write_plan_id(Path(changes.folder), created.id)
            changes.plan_id, changes.etag = created.id, created.etag
            done.append(f"created plan {created.id} ({created.name})")
        elif changes.fields:
            names = {pointer.lstrip("/"): new for pointer, _, new in changes.fields}
            changes.etag = client.plans.update(
                changes.plan_id, name=names.get("name"), description=names.get("description"), if_match=changes.etag
            )
            done.append(f"updated {', '.join(names)} of plan {changes.plan_id}")
        for count, action in _in_batches(client, changes, progress):
            done.append(f"{action} {count} rules")
    except (PreconditionFailed, RulesBatchError) as exc:
        if isinstance(exc, RulesBatchError) and exc.status != 412:
            raise CliError(f"{changes.folder}: {exc.message}{_applied(done)}") from None
        raise CliError(
            f"{changes.folder}: plan {changes.plan_id} changed on the server since the diff{_applied(done)}; "
            "run `trackplan diff` to see where it stands, then `trackplan apply` again (or `trackplan pull` to take "
            "the server's version)",
            exit_code=3,
        ) from None
    return done


def _applied(done: list[str]) -> str:
    return f" (applied before it: {'; '.join(done)})" if done else " (nothing was applied)"


def _in_batches(
    client: TrackingPlans, changes: PlanChanges, progress: Callable[[int], None]
) -> Iterator[tuple[int, str]]:
    """Sends the upserts, then the removals, 200 a call, each call with the `If-Match` the one before answered."""
    assert changes.plan_id is not None
    for batch in _chunks(changes.upserts):
        written = client.rules.upsert(changes.plan_id, batch, if_match=changes.etag or None)
        changes.etag = written.etag or changes.etag
        progress(len(batch))
        yield len(batch), "upserted"
    for removal in _chunks(changes.removals):
        removed = client.rules.remove(changes.plan_id, removal, if_match=changes.etag or None)
        changes.etag = removed.etag or changes.etag
        progress(len(removal))
        yield len(removal), "removed"


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), BATCH_SIZE):
        yield items[start : start + BATCH_SIZE]
