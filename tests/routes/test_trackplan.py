"""`trackplan` against a live server, as a sync job runs it: pull, edit, diff, apply, pull again."""

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import Tenant
from tracking_plans import RuleInput, TrackingPlans
from tracking_plans.cli import main

ORDER = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "properties": {
        "properties": {
            "type": "object",
            "properties": {"revenue": {"type": "number"}, "currency": {"type": "string"}},
            "required": ["revenue"],
        }
    },
}


@pytest.fixture(autouse=True)
def no_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("TRACKING_PLANS_URL", "TRACKING_PLANS_TOKEN", "TRACKPLAN_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no trackplan.yaml of the repository is found


SERVER_LOG = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ [A-Z]+ .*\n", re.MULTILINE)
"""A line the live server (a thread of this process) logs on the same stderr."""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, SERVER_LOG.sub("", err)


def connect(live_server: str, tenant: Tenant) -> list[str]:
    return ["--url", live_server, "--token", tenant.admin]


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def shop(live_server: str, tenant: Tenant) -> str:
    with TrackingPlans(base_url=live_server, token=tenant.admin) as client:
        plan = client.plans.create("Shop", description="Web shop")
        client.rules.upsert(
            plan.id,
            [
                RuleInput("TRACK", "Order Completed", 1, ORDER, labels={"area": "checkout"}, description="Paid"),
                RuleInput("TRACK", "Signed Up", 1, {"type": "object"}, labels={"area": "account"}),
                RuleInput("TRACK", '../../etc/passwd "quoted" ünï/cødé', 1, {"type": "object"}),
                RuleInput("IDENTIFY", None, 1, {"type": "object"}),
            ],
            if_match=plan.etag,
        )
        return plan.id


def test_the_whole_loop_pull_edit_diff_apply_pull(
    live_server: str, tenant: Tenant, shop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = connect(live_server, tenant)
    assert run(capsys, *server, "pull", "--dir", "plans")[0] == 0
    folder = tmp_path / "plans" / "shop"
    pulled = files_of(folder)
    assert yaml.safe_load(pulled["plan.yaml"]) == {
        "id": shop,
        "name": "Shop",
        "description": "Web shop",
        "type": "LIVE",
    }
    assert len([name for name in pulled if name.startswith("rules/")]) == 4
    assert all(
        Path(name).parent == Path("rules") and ".." not in Path(name).name.split(".")[1]
        for name in pulled
        if name != "plan.yaml"
    )
    order_file = next(folder / n for n, b in pulled.items() if b"Order Completed" in b)
    order = yaml.safe_load(order_file.read_text())
    assert order["jsonSchema"] == ORDER and order["labels"] == {"area": "checkout"}
    assert b"\n        revenue:\n          type: number\n" in order_file.read_bytes()  # the schema reads as YAML

    assert run(capsys, *server, "pull", "--dir", "plans")[0] == 0
    assert files_of(folder) == pulled  # byte-identical on a second pull

    code, out, _ = run(capsys, *server, "diff", "plans", "--exit-code")
    assert code == 0 and "= 4 rule(s) unchanged" in out

    # edit: require currency, rename the plan, delete one rule, add one
    text = order_file.read_text()
    assert text.count("- revenue\n") == 1
    order_file.write_text(text.replace("- revenue\n", "- revenue\n        - currency\n"))
    signed_up = next(folder / n for n, b in pulled.items() if b"Signed Up" in b)
    signed_up.unlink()
    (folder / "rules" / "new.yaml").write_text(
        "type: TRACK\nkey: Cart Viewed\nversion: 1\njsonSchema:\n  type: object\n"
    )
    plan_text = (folder / "plan.yaml").read_text()
    (folder / "plan.yaml").write_text(plan_text.replace("name: Shop\n", "name: Web shop\n"))

    code, out, _ = run(capsys, *server, "diff", "plans", "--json", "--exit-code")
    assert code == 2
    changes = json.loads(out)["plans"][0]
    assert changes["fields"] == [{"pointer": "/name", "old": "Shop", "new": "Web shop"}]
    by_action = {(c["action"], c.get("key")): c for c in changes["rules"]}
    assert set(by_action) == {("created", "Cart Viewed"), ("updated", "Order Completed"), ("removed", "Signed Up")}
    assert by_action["updated", "Order Completed"]["changes"] == [
        {
            "pointer": "/jsonSchema/properties/properties/required/1",
            "new": "currency",
        }
    ] or by_action["updated", "Order Completed"]["changes"] == [
        {
            "pointer": "/jsonSchema/properties/properties/required",
            "old": ["revenue"],
            "new": ["revenue", "currency"],
        }
    ]
    assert changes["summary"] == {"created": 1, "updated": 1, "removed": 1, "unchanged": 2}

    code, out, _ = run(capsys, *server, "apply", "plans", "--yes")
    assert code == 0, out
    assert run(capsys, *server, "diff", "plans", "--exit-code")[0] == 0  # nothing left to do

    edited = files_of(folder)
    (folder / "rules" / "new.yaml").unlink()  # pull writes the new rule under its own name
    assert run(capsys, *server, "pull", "--dir", "plans")[0] == 0
    again = files_of(folder)
    assert {k: v for k, v in edited.items() if k != "rules/new.yaml"} == {
        k: v for k, v in again.items() if "cart-viewed" not in k
    }
    cart = next(v for k, v in again.items() if "cart-viewed" in k)
    assert yaml.safe_load(cart) == {
        "type": "TRACK",
        "key": "Cart Viewed",
        "version": 1,
        "jsonSchema": {"type": "object"},
    }
    with TrackingPlans(base_url=live_server, token=tenant.admin) as client:
        assert client.plans.get(shop).name == "Web shop"
        assert sorted(str(r.key) for r in client.rules.list(shop)) == sorted(
            ["Order Completed", "Cart Viewed", '../../etc/passwd "quoted" ünï/cødé', "None"]
        )


def test_a_thousand_rule_plan_round_trips_in_batches(
    live_server: str, tenant: Tenant, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = connect(live_server, tenant)
    folder = tmp_path / "plans" / "big"
    (folder / "rules").mkdir(parents=True)
    (folder / "plan.yaml").write_text("name: Big\ndescription: A thousand rules\n")
    for n in range(1000):
        rule = {"type": "TRACK", "key": f"Event {n}", "version": 1, "labels": {"n": str(n % 7)}, "jsonSchema": ORDER}
        (folder / "rules" / f"event-{n}.yaml").write_text(yaml.safe_dump(rule, sort_keys=False))

    code, out, err = run(capsys, *server, "apply", "plans", "--yes")
    assert code == 0, err
    assert "upserted 200 rules" in out and "created plan" in out
    plan_id = yaml.safe_load((folder / "plan.yaml").read_text())["id"]
    assert plan_id.startswith("tp_")
    with TrackingPlans(base_url=live_server, token=tenant.admin) as client:
        assert sum(1 for _ in client.rules.list(plan_id)) == 1000
        changelog = list(client.plans.changelog(plan_id))
    assert len(changelog) >= 5  # one entry per batch at least
    assert run(capsys, *server, "apply", "plans", "--yes")[1].strip() == "no changes"
    # a checkout where the id was never recorded (CI): the plan is found by its name, not created again
    (folder / "plan.yaml").write_text("name: Big\ndescription: A thousand rules\n")
    code, out, _ = run(capsys, *server, "apply", "plans", "--yes")
    assert code == 0 and f"recorded the id of plan {plan_id}" in out and "upserted" not in out
    assert yaml.safe_load((folder / "plan.yaml").read_text())["id"] == plan_id

    for path in (folder / "rules").glob("*.yaml"):
        path.unlink()
    assert run(capsys, *server, "pull", "--dir", "plans")[0] == 0
    assert len(list((folder / "rules").glob("*.yaml"))) == 1000
    assert run(capsys, *server, "diff", "plans", "--exit-code")[0] == 0


def test_selective_pull_touches_only_what_it_selects(
    live_server: str, tenant: Tenant, shop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = connect(live_server, tenant)
    assert run(capsys, *server, "pull", shop, "--dir", "plans", "--label", "area:checkout")[0] == 0
    rules = list((tmp_path / "plans" / "shop" / "rules").iterdir())
    assert [yaml.safe_load(p.read_text())["key"] for p in rules] == ["Order Completed"]
    assert run(capsys, *server, "pull", "--dir", "plans", "--type", "identify")[0] == 0
    keys = sorted(
        str(yaml.safe_load(p.read_text()).get("key")) for p in (tmp_path / "plans" / "shop" / "rules").iterdir()
    )
    assert keys == ["None", "Order Completed"]
    # a selective diff and apply cover only the selection: the rules not pulled are not removed
    code, out, _ = run(capsys, *server, "diff", "plans", "--key", "Order Completed", "--exit-code")
    assert code == 0, out
    code, out, _ = run(capsys, *server, "diff", "plans", "--exit-code")
    assert code == 2 and out.count("(removed)") == 2


def test_a_plan_changed_since_the_diff_stops_apply_with_exit_3(
    live_server: str,
    tenant: Tenant,
    shop: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = connect(live_server, tenant)
    run(capsys, *server, "pull", "--dir", "plans")
    (tmp_path / "plans" / "shop" / "rules" / "x.yaml").write_text("type: TRACK\nkey: X\nversion: 1\njsonSchema: {}\n")
    from tracking_plans.cli import sync

    computed = sync.plan_changes

    def racing(client: Any, folder: Any, selection: sync.Selection) -> Any:
        changes = computed(client, folder, selection)
        client.plans.update(shop, description="changed meanwhile")  # someone else, between diff and apply
        return changes

    monkeypatch.setattr(sync, "plan_changes", racing)
    code, _, err = run(capsys, *server, "apply", "plans", "--yes")
    assert code == 3
    assert err.count("\n") == 1 and "changed on the server since the diff" in err and "nothing was applied" in err
    assert "Traceback" not in err
    monkeypatch.setattr(sync, "plan_changes", computed)
    assert run(capsys, *server, "apply", "plans", "--yes")[0] == 0  # a second apply finishes the job


def test_a_plan_deleted_since_the_pull_is_exit_3(
    live_server: str, tenant: Tenant, shop: str, capsys: pytest.CaptureFixture[str]
) -> None:
    server = connect(live_server, tenant)
    run(capsys, *server, "pull", "--dir", "plans")
    with TrackingPlans(base_url=live_server, token=tenant.admin) as client:
        client.plans.delete(shop)
    code, _, err = run(capsys, *server, "apply", "plans", "--yes")
    assert code == 3 and "no longer exists" in err and err.count("\n") == 1


def test_apply_asks_first(
    live_server: str,
    tenant: Tenant,
    shop: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = connect(live_server, tenant)
    run(capsys, *server, "pull", "--dir", "plans")
    (tmp_path / "plans" / "shop" / "rules" / "x.yaml").write_text("type: TRACK\nkey: X\nversion: 1\njsonSchema: {}\n")
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("n\n"))
    code, _, err = run(capsys, *server, "apply", "plans")
    assert code == 4 and "not applied" in err
    assert run(capsys, *server, "diff", "plans", "--exit-code")[0] == 2


def test_export_and_copy(
    live_server: str,
    tenant: Tenant,
    other_tenant: Tenant,
    shop: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = connect(live_server, tenant)
    assert run(capsys, *server, "export", shop, "--format", "typewriter")[0] == 0
    plan = json.loads((tmp_path / "plan.json").read_text())
    assert plan["id"] == shop and {"key", "type", "version", "jsonSchema"} <= set(plan["rules"][0])
    assert {r["key"] for r in plan["rules"] if r["type"] == "TRACK"} >= {"Order Completed", "Signed Up"}
    code, out, _ = run(capsys, *server, "export", shop, "--format", "csv")
    assert code == 0 and "Order Completed" in out
    (tmp_path / "trackplan.yaml").write_text(
        yaml.safe_dump(
            {
                "profiles": {
                    "staging": {"url": live_server, "token": tenant.admin},
                    "prod": {"url": live_server, "token_env": "PROD_TOKEN"},
                }
            }
        )
    )
    code, out, err = run(
        capsys,
        "--url",
        live_server,
        "--token",
        other_tenant.admin,
        "copy",
        shop,
        "--from",
        "staging",
        "--name",
        "Shop copy",
    )
    assert code == 0, err
    with TrackingPlans(base_url=live_server, token=other_tenant.admin) as client:
        copied = [p for p in client.plans.list() if p.name == "Shop copy"]
        assert len(copied) == 1 and sum(1 for _ in client.rules.list(copied[0].id)) == 4


def test_profiles_pick_the_workspace(
    live_server: str,
    tenant: Tenant,
    shop: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "profiles.yaml"
    config.write_text(yaml.safe_dump({"profiles": {"staging": {"url": live_server, "token_env": "STAGING_TOKEN"}}}))
    monkeypatch.setenv("STAGING_TOKEN", tenant.reader)
    code, _, _ = run(capsys, "--config", str(config), "--profile", "staging", "pull", "--dir", "p")
    assert code == 0 and (tmp_path / "p" / "shop" / "plan.yaml").is_file()
    code, _, err = run(capsys, "--config", str(config), "--profile", "prod", "pull")
    assert code == 4 and err == f"trackplan: unknown profile 'prod' in {config} (profiles: staging)\n"
    monkeypatch.setenv("TRACKING_PLANS_URL", live_server)
    monkeypatch.setenv("TRACKING_PLANS_TOKEN", "tps_expired")
    code, _, err = run(capsys, "pull")
    assert code == 4 and "refused the token" in err and err.count("\n") == 1


def test_validate_online_by_plan_id(
    live_server: str, tenant: Tenant, shop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text(
        json.dumps({"type": "track", "event": "Order Completed", "userId": "u", "properties": {"revenue": 3}})
        + "\n"
        + json.dumps({"type": "track", "event": "Order Completed", "userId": "u", "properties": {"revenue": "3"}})
        + "\n"
    )
    code, out, _ = run(
        capsys, *connect(live_server, tenant), "validate", str(events), "--plan", shop, "--format", "github"
    )
    assert code == 1
    expected = "Invalid Type at properties.revenue: Invalid type. Expected: number, given: string"
    assert out == f"::error file={events},line=2::{expected}\n"


def test_a_schema_the_server_would_refuse_stops_apply_before_any_write(
    live_server: str, tenant: Tenant, shop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = connect(live_server, tenant)
    run(capsys, *server, "pull", "--dir", "plans")
    rules = tmp_path / "plans" / "shop" / "rules"
    (rules / "a.yaml").write_text("type: TRACK\nkey: Fine\nversion: 1\njsonSchema: {type: object}\n")
    order = next(p for p in rules.iterdir() if "order-completed" in p.name)
    order.write_text(order.read_text().replace("type: number", "type: numbr"))
    code, _, err = run(capsys, *server, "apply", "plans", "--yes")
    assert code == 1 and "nothing was sent" in err
    assert f"plans/shop/rules/{order.name}: jsonSchema.properties.properties.properties.revenue.type: 'numbr'" in err
    with TrackingPlans(base_url=live_server, token=tenant.admin) as client:
        assert [r.key for r in client.rules.list(shop, key="Fine")] == []
        stored = next(iter(client.rules.list(shop, key="Order Completed")))
        assert stored.json_schema == ORDER


def test_validate_online_as_a_source(
    live_server: str, tenant: Tenant, shop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with TrackingPlans(base_url=live_server, token=tenant.admin) as client:
        source = client.sources.create("web", "javascript")
        client.plans.add_source(shop, source.id)
    events = tmp_path / "events.json"
    bad = {"type": "track", "event": "Order Completed", "userId": "u", "properties": {}}
    events.write_text(json.dumps([bad], indent=2))
    code, out, _ = run(
        capsys, *connect(live_server, tenant), "validate", str(events), "--source", source.id, "--format", "json"
    )
    assert code == 1
    assert json.loads(out)["results"] == [
        {
            "file": str(events),
            "line": 2,
            "violations": [
                {"type": "Required", "field": "properties.revenue", "description": "properties.revenue is required"}
            ],
        }
    ]


def test_export_as_the_server_exports(
    live_server: str, tenant: Tenant, shop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = connect(live_server, tenant)
    run(capsys, *server, "pull", "--dir", "plans")
    code, _, err = run(capsys, *server, "export", "plans/shop", "--format", "json", "-o", "shop.json")
    assert code == 0 and err == "wrote shop.json\n"
    exported = json.loads((tmp_path / "shop.json").read_text())
    assert exported["format"] == "tracking-plan/v1" and len(exported["rules"]) == 4


def test_removing_a_description_or_label_in_the_file_removes_it_on_the_server(
    live_server: str, tenant: Tenant, shop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = connect(live_server, tenant)
    run(capsys, *server, "pull", "--dir", "plans")
    order = next(p for p in (tmp_path / "plans" / "shop" / "rules").iterdir() if "order-completed" in p.name)
    order.write_text(order.read_text().replace("description: Paid\n", "").replace("labels:\n  area: checkout\n", ""))
    code, out, _ = run(capsys, *server, "diff", "plans")
    assert code == 0
    assert '      /description: "Paid" removed\n' in out and '      /labels/area: "checkout" removed\n' in out
    assert run(capsys, *server, "apply", "plans", "--yes")[0] == 0
    code, out, _ = run(capsys, *server, "diff", "plans", "--exit-code")
    assert code == 0, out


TYPEWRITER = Path(__file__).parents[1] / "node" / "node_modules" / ".bin" / "typewriter"


@pytest.mark.skipif(
    shutil.which("node") is None or not TYPEWRITER.exists(),
    reason="Node.js or typewriter is missing: `make install` installs it with npm when npm is present",
)
def test_typewriter_builds_from_the_exported_plan(
    live_server: str, tenant: Tenant, shop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # typewriter fetches only from api.segmentapis.com: offline, it builds from the plan.json beside its config
    plan_file = tmp_path / "analytics" / "plan.json"
    plan_file.parent.mkdir()
    exported = run(
        capsys, *connect(live_server, tenant), "export", shop, "--format", "typewriter", "-o", str(plan_file)
    )
    assert exported[0] == 0
    client = {"language": "typescript", "sdk": "analytics-node"}
    (tmp_path / "typewriter.yml").write_text(
        yaml.safe_dump({"client": client, "trackingPlans": [{"id": shop, "path": "./analytics"}]})
    )

    built = subprocess.run([str(TYPEWRITER), "build"], cwd=tmp_path, capture_output=True, text=True, timeout=120)

    assert built.returncode == 0, built.stdout + built.stderr
    generated = (tmp_path / "analytics" / "segment.ts").read_text()
    assert "export function orderCompleted(" in generated and "export function signedUp(" in generated
    assert re.search(r"\n\s*revenue:\s+number;", generated)  # Order Completed's required property, typed
    assert re.search(r"\n\s*currency\?:\s+string;", generated)  # and its optional one
