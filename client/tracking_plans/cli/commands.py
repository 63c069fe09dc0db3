"""The `trackplan` commands (click), each a thin layer over folders, sync, offline and the client."""

from __future__ import annotations

import functools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress

from tracking_plans import TrackingPlans
from tracking_plans.cli import sync
from tracking_plans.cli.changes import PlanChanges, shown
from tracking_plans.cli.event_files import event_paths, read_events
from tracking_plans.cli.folders import PLAN_FILE, PlanFolder, plan_folders, read_folder
from tracking_plans.cli.offline import lint
from tracking_plans.cli.profiles import Target, resolve
from tracking_plans.cli.sync import CliError, Selection
from tracking_plans.cli.validating import annotation, validate_offline, validate_online
from tracking_plans.rule_batches import BATCH_SIZE

DEFAULT_DIR = "plans"


@dataclass(slots=True)
class State:
    """What the group's options give every command: the target, and the client once one is needed."""

    target: Target
    clients: list[TrackingPlans] = field(default_factory=list)

    def close(self) -> None:
        for client in self.clients:
            client.close()

    def client(self) -> TrackingPlans:
        made = TrackingPlans(base_url=self.target.url, token=self.target.token, max_retries=2)
        self.clients.append(made)
        return made


def _selection(labels: tuple[str, ...], keys: tuple[str, ...], types: tuple[str, ...]) -> Selection:
    pairs = {}
    for label in labels:
        name, colon, value = label.partition(":")
        if not colon or not name or not value:
            raise click.BadParameter(f"{label!r}: a label is KEY:VALUE, e.g. area:checkout", param_hint="--label")
        pairs[name] = value
    return Selection(pairs, keys, tuple(t.upper() for t in types))


def selection_options(command: Any) -> Any:
    for option in (
        click.option("--type", "types", multiple=True, help="Only rules of this type (TRACK, PAGE, ...); repeatable."),
        click.option("--key", "keys", multiple=True, help="Only the rule(s) with this key (event name); repeatable."),
        click.option("--label", "labels", multiple=True, help="Only rules with this label, KEY:VALUE; repeatable."),
    ):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.option("--url", help="The server's base URL (else the profile's, else $TRACKING_PLANS_URL).")
@click.option("--token", help="An API token (else the profile's, else $TRACKING_PLANS_TOKEN).")
@click.option("--profile", help="A named profile of the config file: its url and token.")
@click.option("--config", type=click.Path(path_type=Path), help="The config file of profiles (see the README).")
@click.option("--debug", is_flag=True, help="Print a traceback on errors.")
@click.pass_context
def trackplan(
    ctx: click.Context, url: str | None, token: str | None, profile: str | None, config: Path | None, debug: bool
) -> None:
    """Tracking plans as code: pull them into YAML folders, diff, apply, lint and validate events.

    Exit codes: 0 success, 1 violations or lint errors, 2 changes (diff --exit-code), 3 conflict,
    4 usage, authentication or connection errors.
    """
    state = State(resolve(profile, url, token, config))
    ctx.obj = state
    ctx.call_on_close(state.close)


@trackplan.command()
@click.argument("plans", nargs=-1)
@click.option(
    "--dir",
    "root",
    type=click.Path(path_type=Path),
    default=DEFAULT_DIR,
    show_default=True,
    help="Where plan folders go.",
)
@selection_options
@click.pass_obj
def pull(
    state: State,
    plans: tuple[str, ...],
    root: Path,
    labels: tuple[str, ...],
    keys: tuple[str, ...],
    types: tuple[str, ...],
) -> None:
    """Write plans (all, or the PLAN ids given) as folders: plan.yaml and one YAML file per rule.

    With --label/--key/--type only the selected rules are written and no file is deleted.
    """
    selection = _selection(labels, keys, types)
    for folder, changed in sync.pull(state.client(), root, plans, selection):
        click.echo(f"{folder}: {changed} file(s) written or deleted")


def _lint_or_fail(folders: list[PlanFolder], changes: list[PlanChanges] | None = None) -> None:
    """Exits 1 after printing each problem the server's checks find (in the rules `changes` would send)."""
    if changes is None:
        problems = [problem for folder in folders for problem in lint(folder)]
    else:
        problems = [problem for f, c in zip(folders, changes, strict=True) for problem in lint(f, c.upserts)]
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        raise CliError(f"{len(problems)} lint error(s): nothing was sent", exit_code=1)


@trackplan.command("lint")
@click.argument("root", type=click.Path(path_type=Path), default=DEFAULT_DIR)
def lint_command(root: Path) -> None:
    """Run the server's rule checks on the plan folders under ROOT (or one folder), offline. Exit 1 on errors."""
    folders = [read_folder(path) for path in plan_folders(root)]
    _lint_or_fail(folders)
    click.echo(f"{len(folders)} plan(s), no problems")


def _value(value: Any) -> str:
    return json.dumps(shown(value), ensure_ascii=False, separators=(",", ":"))


def _print_changes(changes: PlanChanges) -> None:
    title = changes.plan_id or "new plan"
    click.echo(f"plan {changes.name!r} ({title}) in {changes.folder}:")
    if changes.plan_id is None:
        click.echo("  + the plan is created")
    elif changes.adopted:
        click.echo("  = the plan of this name on the server (plan.yaml has no id: apply records it)")
    for pointer, old, new in changes.fields:
        click.echo(f"  ~ {pointer.lstrip('/')}: {_value(old)} -> {_value(new)}")
    for change in changes.rules:
        sign = {"created": "+", "updated": "~", "removed": "-"}[change.action]
        click.echo(f"  {sign} {change.rule} ({change.action})")
        for pointer, old, new in change.changes:
            if new is shown(new) and old is shown(old):
                click.echo(f"      {pointer}: {_value(old)} -> {_value(new)}")
            elif old is shown(old):
                click.echo(f"      {pointer}: {_value(old)} removed")
            else:
                click.echo(f"      {pointer}: added {_value(new)}")
    click.echo(f"  = {changes.unchanged} rule(s) unchanged")


def _all_changes(state: State, root: Path, selection: Selection) -> list[tuple[PlanFolder, PlanChanges]]:
    folders = [read_folder(path) for path in plan_folders(root)]
    client = state.client()
    changes = [sync.plan_changes(client, folder, selection) for folder in folders]
    _lint_or_fail(folders, changes)  # the server's checks on what would be sent, before anything is
    return list(zip(folders, changes, strict=True))


@trackplan.command()
@click.argument("root", type=click.Path(path_type=Path), default=DEFAULT_DIR)
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@click.option("--exit-code", is_flag=True, help="Exit 2 when there are changes, 0 when none.")
@selection_options
@click.pass_obj
def diff(
    state: State,
    root: Path,
    as_json: bool,
    exit_code: bool,
    labels: tuple[str, ...],
    keys: tuple[str, ...],
    types: tuple[str, ...],
) -> None:
    """Show what `apply` would do: per plan and rule, created, updated (pointer: old -> new), removed."""
    plans = [changes for _, changes in _all_changes(state, root, _selection(labels, keys, types))]
    if as_json:
        click.echo(json.dumps({"plans": [changes.to_json() for changes in plans]}, ensure_ascii=False, indent=2))
    else:
        for changes in plans:
            _print_changes(changes)
    if exit_code and any(changes.any for changes in plans):
        click.get_current_context().exit(2)


@trackplan.command("apply")
@click.argument("root", type=click.Path(path_type=Path), default=DEFAULT_DIR)
@click.option("--yes", "-y", is_flag=True, help="Apply without asking.")
@selection_options
@click.pass_obj
def apply_command(
    state: State, root: Path, yes: bool, labels: tuple[str, ...], keys: tuple[str, ...], types: tuple[str, ...]
) -> None:
    """Make the server's plans what the folders say: creates plans, then rules in batches of 200 (If-Match chained).

    Removes only rules that the files no longer have and that the selection (--label/--key/--type) covers.
    Exit 3 when a plan changed on the server since the diff: nothing after that point is sent.
    """
    plans = [(f, changes) for f, changes in _all_changes(state, root, _selection(labels, keys, types)) if changes.any]
    if not plans:
        click.echo("no changes")
        return
    for _, changes in plans:
        _print_changes(changes)
    if not yes and not click.confirm("Apply these changes?", default=False, err=True):
        raise CliError("not applied", exit_code=4)
    client = state.client()
    for folder, changes in plans:
        total = len(changes.upserts) + len(changes.removals)
        # on stderr, so that stdout stays what was done; a bar only when there is more than one batch
        with Progress(transient=True, disable=total <= BATCH_SIZE, console=Console(stderr=True)) as progress:
            task = progress.add_task(changes.name, total=total)
            advance = functools.partial(progress.advance, task)
            done = sync.apply(client, changes, folder.plan.type, folder.plan.description, advance)
        click.echo(f"{changes.folder}: {'; '.join(done) or 'nothing to send'}")


@trackplan.command()
@click.argument("events", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--plan", "plan", help="A plan folder from `pull` (offline) or a plan id (checked by the server).")
@click.option("--source", "source_id", help="Validate as this source would (its plan, transformations, controls).")
@click.option("--format", "output", type=click.Choice(["text", "json", "github"]), default="text", show_default=True)
@click.pass_obj
def validate(state: State, events: tuple[Path, ...], plan: str | None, source_id: str | None, output: str) -> None:
    """Check EVENTS (JSON files, JSON Lines, directories) against a plan. Exit 1 on any violation.

    With --plan DIR the server's engine runs here (no network, no token); with a plan id or --source the
    validate endpoints answer. --format github prints annotations at each offending event's file and line.
    """
    if plan is None and source_id is None:
        raise click.UsageError("name a plan folder or id (--plan) or a source (--source)")
    sources = [event for path in event_paths(list(events)) for event in read_events(path)]
    if plan is not None and source_id is None and (Path(plan) / PLAN_FILE).is_file():
        findings = validate_offline(Path(plan), sources)
    else:
        findings = validate_online(state.client(), plan, source_id, sources)
    failed = sum(1 for _, problems in findings if problems)
    if output == "json":
        click.echo(
            json.dumps(
                {
                    "events": len(sources),
                    "failed": failed,
                    "results": [
                        {"file": s.file, "line": s.line, "violations": problems} for s, problems in findings if problems
                    ],
                },
                ensure_ascii=False,  # one line: with an indent, json's encoder runs in Python (4x slower)
            )
        )
    for event, problems in findings if output != "json" else ():
        for problem in problems:
            if output == "github":
                message = annotation(f"{problem['type']} at {problem['field']}: {problem['description']}")
                click.echo(f"::error file={annotation(event.file, True)},line={event.line}::{message}")
            else:
                click.echo(
                    f"{event.file}:{event.line}: {problem['type']} at {problem['field']}: {problem['description']}"
                )
    if output == "text":
        click.echo(f"{len(sources)} event(s), {failed} with violations", err=failed > 0)
    if failed:
        click.get_current_context().exit(1)


def _plan_id(plan: str) -> str:
    """A plan id, or the id recorded in a plan folder's plan.yaml."""
    if (Path(plan) / PLAN_FILE).is_file():
        plan_id = read_folder(Path(plan)).plan.id
        if plan_id is None:
            raise CliError(f"{plan}: the plan has no id yet: `trackplan apply` creates it", exit_code=4)
        return plan_id
    return plan


@trackplan.command()
@click.argument("plan")
@click.option("--format", "output", type=click.Choice(["json", "csv", "typewriter"]), default="json", show_default=True)
@click.option(
    "--output",
    "-o",
    "target",
    type=click.Path(path_type=Path),
    help="The file to write (typewriter: plan.json; else stdout).",
)
@click.pass_obj
def export(state: State, plan: str, output: str, target: Path | None) -> None:
    """Export PLAN (an id or a plan folder) as the server's JSON or CSV export, or typewriter's plan.json."""
    client = state.client()
    plan_id = _plan_id(plan)
    if output == "typewriter":
        content = json.dumps(_typewriter_plan(client, plan_id), ensure_ascii=False, indent=2).encode() + b"\n"
        target = target or Path("plan.json")
    else:
        content = client.plans.export(plan_id, format=output).content  # type: ignore[arg-type]
    if target is None:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        target.write_bytes(content)
        click.echo(f"wrote {target}", err=True)


def _typewriter_plan(client: TrackingPlans, plan_id: str) -> dict[str, Any]:
    """The Public API shape typewriter reads from `plan.json` (wire.md, "Typewriter's plan file")."""
    plan = client.plans.get(plan_id)
    return {
        "id": plan.id,
        "name": plan.name,
        "slug": plan.slug,
        "description": plan.description,
        "createdAt": plan.created_at.isoformat().replace("+00:00", "Z"),
        "updatedAt": plan.updated_at.isoformat().replace("+00:00", "Z"),
        "resourceSchemaId": plan.resource_schema_id,
        "rules": [
            {"key": rule.key, "type": rule.type, "version": rule.version, "jsonSchema": rule.json_schema}
            for rule in client.rules.list(plan_id)
        ],
    }


@trackplan.command()
@click.argument("plan")
@click.option("--from", "from_profile", help="The profile of the workspace that holds PLAN (its token is sent).")
@click.option("--from-token", help="A token of the workspace that holds PLAN (instead of --from).")
@click.option("--name", help="The new plan's name (default: the source plan's).")
@click.option("--into", "target_plan", help="Copy into this existing plan instead of creating one.")
@click.option(
    "--mode",
    type=click.Choice(["CREATE", "MERGE", "REPLACE"]),
    default=None,
    help="CREATE (default), or MERGE/REPLACE with --into.",
)
@click.pass_context
def copy(
    ctx: click.Context,
    plan: str,
    from_profile: str | None,
    from_token: str | None,
    name: str | None,
    target_plan: str | None,
    mode: str | None,
) -> None:
    """Copy PLAN from another workspace (--from PROFILE or --from-token) into this one (--profile/--token)."""
    state: State = ctx.obj
    root = ctx.find_root().params
    if from_profile is not None:
        from_token = resolve(from_profile, None, None, root.get("config")).token
    if not from_token:
        raise click.UsageError("name the source workspace: --from PROFILE or --from-token TOKEN")
    chosen = mode or ("MERGE" if target_plan else "CREATE")
    copied = state.client().copies.copy(
        _plan_id(plan),
        source_token=from_token,
        mode=chosen,  # type: ignore[arg-type]  # click.Choice made it one of the three
        target_plan_id=target_plan,
        name=name,
    )
    data = copied.to_dict()
    made = data.get("trackingPlan", {}).get("id") or target_plan
    counts = ", ".join(f"{len(data.get(k) or [])} {k}" for k in ("created", "updated", "removed") if k in data)
    click.echo(f"copied {plan} into {made}: {counts}")
