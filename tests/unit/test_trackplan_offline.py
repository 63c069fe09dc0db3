"""`trackplan` with no server: lint, offline validate, bad folders, usage and connection errors, file names."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tracking_plans.cli import main
from tracking_plans.cli.changes import canonical, changed_pointers
from tracking_plans.cli.folders import rule_file_name
from tracking_plans.models import RuleId

DOWN = "http://127.0.0.1:9"  # the discard port: nothing listens there
ORDER = {
    "type": "object",
    "properties": {
        "properties": {
            "type": "object",
            "properties": {"revenue": {"type": "number"}},
            "required": ["revenue"],
        }
    },
}


@pytest.fixture(autouse=True)
def no_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("TRACKING_PLANS_URL", "TRACKING_PLANS_TOKEN", "TRACKPLAN_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    plan = tmp_path / "plans" / "shop"
    (plan / "rules").mkdir(parents=True)
    (plan / "plan.yaml").write_text("id: tp_1\nname: Shop\ndescription: null\ntype: LIVE\n")
    rule = {"type": "TRACK", "key": "Order Completed", "version": 1, "jsonSchema": ORDER}
    (plan / "rules" / "order.yaml").write_text(yaml.safe_dump(rule, sort_keys=False))
    return plan


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ([], ["pull"], ["diff"], ["apply"], ["lint"], ["validate"], ["export"], ["copy"]):
        code, out, _ = run(capsys, *command, "--help")
        assert code == 0 and out.startswith("Usage: trackplan"), command


def test_usage_errors_exit_4_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "pull", "--nope")
    assert code == 4 and err.startswith("trackplan: usage: No such option '--nope'") and err.count("\n") == 1
    code, _, err = run(capsys, "validate", "x.json")
    assert code == 4 and err.count("\n") == 1
    code, _, err = run(capsys, "pull", "--label", "nocolon")
    assert code == 4 and "KEY:VALUE" in err


def test_lint_passes_a_good_folder_and_names_file_and_field_of_a_bad_one(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "lint", "plans")[0] == 0
    (folder / "rules" / "bad.yaml").write_text(
        "type: TRACK\nkey: Bad\nversion: 1\njsonSchema:\n  type: object\n  properties:\n    x:\n      type: strin\n"
    )
    code, _, err = run(capsys, "lint", "plans")
    assert code == 1
    assert (
        "plans/shop/rules/bad.yaml: jsonSchema.properties.x.type: 'strin' is not a JSON Schema type" in err
        and "1 lint error(s)" in err
    )


def test_malformed_yaml_names_file_and_line(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "rules" / "order.yaml").write_text("type: TRACK\nkey: X\nversion: 1\njsonSchema: {a: [1, 2}\n")
    code, _, err = run(capsys, "lint", "plans")
    assert code == 1 and err.startswith("trackplan: plans/shop/rules/order.yaml:4: not valid YAML")
    assert err.count("\n") == 1


def test_two_files_for_one_rule_and_a_name_that_disagrees(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "rules" / "copy.yaml").write_text((folder / "rules" / "order.yaml").read_text())
    code, _, err = run(capsys, "lint", "plans")
    assert code == 1 and "TRACK Order Completed v1 is also in" in err and "one file per rule" in err
    (folder / "rules" / "copy.yaml").unlink()
    # a file pull wrote, copied for version 2 with only its content changed
    pulled = folder / "rules" / rule_file_name(RuleId("TRACK", "Order Completed", 1))
    (folder / "rules" / "order.yaml").rename(pulled)
    (folder / "rules" / rule_file_name(RuleId("TRACK", "Signed Up", 1))).write_text(
        pulled.read_text().replace("version: 1", "version: 2")
    )
    code, _, err = run(capsys, "lint", "plans")
    assert code == 1 and "the file name says another rule than its content (TRACK Order Completed v2)" in err


def test_file_names_are_safe_and_stable_for_any_key() -> None:
    keys = ["../../etc/passwd", 'a "quoted" key', "ünïcødé/ключ", "..", "", "Order Completed", "order completed"]
    names = [rule_file_name(RuleId("TRACK", key, 1)) for key in keys]
    assert len(set(names)) == len(names)
    for name in names:
        assert "/" not in name and "\\" not in name and not name.startswith(".") and name.endswith(".yaml")
        assert all(part not in ("", ".", "..") for part in name.split("."))
    assert names == [rule_file_name(RuleId("TRACK", key, 1)) for key in keys]
    assert rule_file_name(RuleId("IDENTIFY", None, 2)) == "identify.v2.yaml"


def test_schemas_compare_by_meaning() -> None:
    assert canonical({"a": 1, "b": [1.0, "x"]}) == canonical({"b": [1, "x"], "a": 1e0})
    assert canonical({"a": True}) != canonical({"a": 1})
    assert changed_pointers({"a/b": {"c": 1}}, {"a/b": {"c": 2}}) == [("/a~1b/c", 1, 2)]


def test_validate_offline_with_no_server(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = {"type": "track", "event": "Order Completed", "userId": "u", "properties": {"revenue": 1}}
    bad = {"type": "track", "event": "Order Completed", "userId": "u", "properties": {"revenue": "1"}}
    events = tmp_path / "events"
    events.mkdir()
    (events / "a.jsonl").write_text(json.dumps(good) + "\n\n" + json.dumps(bad) + "\n")
    (events / "b.json").write_text("[\n  " + json.dumps(good) + ",\n  " + json.dumps(bad) + "\n]\n")
    (events / "c.json").write_text(json.dumps(good, indent=2))
    code, out, _ = run(capsys, "--url", DOWN, "validate", str(events), "--plan", "plans/shop", "--format", "github")
    assert code == 1
    message = "Invalid Type at properties.revenue: Invalid type. Expected: number, given: string"
    assert out.splitlines() == [
        f"::error file={events / 'a.jsonl'},line=3::{message}",
        f"::error file={events / 'b.json'},line=3::{message}",
    ]
    code, out, _ = run(capsys, "validate", str(events / "c.json"), "--plan", "plans/shop", "--format", "json")
    assert code == 0 and json.loads(out) == {"events": 1, "failed": 0, "results": []}
    code, out, err = run(capsys, "validate", str(events / "a.jsonl"), "--plan", "plans/shop")
    assert code == 1 and f"{events / 'a.jsonl'}:3: Invalid Type at properties.revenue" in out
    assert "2 event(s), 1 with violations" in err


def test_validate_reports_unreadable_events_and_files(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "e.jsonl").write_text('{"type": "track", "event": "X", "userId": "u"}\n{"type": "nope"}\n')
    code, out, _ = run(capsys, "validate", "e.jsonl", "--plan", "plans/shop")
    assert code == 1 and "e.jsonl:2: Invalid Event at (root): The event has the type 'nope'" in out
    (tmp_path / "broken.json").write_text('[{"type": "track",\n "event": }]')
    code, _, err = run(capsys, "validate", "broken.json", "--plan", "plans/shop")
    assert code == 1 and err.startswith("trackplan: broken.json:2: not valid JSON")
    code, _, err = run(capsys, "validate", "missing.json", "--plan", "plans/shop")
    assert code == 4 and err == "trackplan: missing.json: no such file or directory\n"


def test_a_server_that_is_down_or_no_token_is_exit_4(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--url", DOWN, "--token", "t", "diff", "plans")
    assert code == 4 and err.startswith("trackplan: cannot reach the server") and err.count("\n") == 1
    code, _, err = run(capsys, "--url", DOWN, "diff", "plans")
    assert code == 4 and "token" in err and "Traceback" not in err
    code, _, err = run(capsys, "--debug", "--url", DOWN, "diff", "plans")
    assert code == 4 and "Traceback" in err


@pytest.mark.slow
def test_the_console_script_is_installed_beside_python(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "trackplan"
    done = subprocess.run([script, "lint", str(tmp_path / "none")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 4 and done.stderr == f"trackplan: {tmp_path / 'none'}: no such folder\n"
    assert done.stdout == ""
    (tmp_path / "empty").mkdir()
    done = subprocess.run([script, "lint", str(tmp_path / "empty")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 4 and "no plan folders here" in done.stderr
