"""What the web view's pages show, shaped without I/O: pages of a list, events in page order, diffs, charts."""

from datetime import UTC, datetime, timedelta

from api.domain.event_reports import EventHour
from api.domain.rules import Label, LiveRule, RuleSummary, RuleType
from api.ui import views


def summary(kind: RuleType, key: str | None, version: int = 1, *labels: str) -> RuleSummary:
    return RuleSummary(type=kind, key=key, version=version, labels=list(labels))


def test_a_page_past_the_last_is_the_last() -> None:
    items = list(range(120))

    assert views.page_of(items, 1, 50).items == items[:50]
    last = views.page_of(items, 3, 50)
    assert (last.items, last.number, last.pages, last.total, last.start) == (items[100:], 3, 3, 120, 101)
    assert views.page_of(items, 9, 50) == last
    assert views.page_of([], 1, 50).pages == 1


def test_events_come_by_type_then_name_case_aside_with_their_versions() -> None:
    rules = [
        summary(RuleType.COMMON, None),
        summary(RuleType.TRACK, "b event"),
        summary(RuleType.IDENTIFY, None),
        summary(RuleType.TRACK, "A event", 1, "area:x"),
        summary(RuleType.PAGE, "Home"),
        summary(RuleType.TRACK, "A event", 2),
    ]

    events = views.plan_events(rules)

    assert [(versions[0].type, versions[0].key, len(versions)) for versions in events] == [
        (RuleType.TRACK, "A event", 2),
        (RuleType.TRACK, "b event", 1),
        (RuleType.PAGE, "Home", 1),
        (RuleType.IDENTIFY, None, 1),
        (RuleType.COMMON, None, 1),
    ]
    assert [versions[0].key for versions in views.plan_events(rules, label="area:x")] == ["A event"]
    assert [versions[0].key for versions in views.plan_events(rules, type=RuleType.PAGE)] == ["Home"]
    assert views.type_counts(rules) == {RuleType.TRACK: 2, RuleType.PAGE: 1, RuleType.IDENTIFY: 1, RuleType.COMMON: 1}


def test_text_finds_names_descriptions_and_declared_properties_only() -> None:
    schema = '{"type": "object", "description": "Paid", "properties": {"properties": {"properties": {"sku": {}}}}}'
    rule = LiveRule(
        row_id=1, type=RuleType.TRACK, key="Order", version=1, schema_text=schema, labels=[], description=None
    )

    assert views.mentioning([rule], "ORDER") == {(RuleType.TRACK, "Order")}
    assert views.mentioning([rule], "paid") == {(RuleType.TRACK, "Order")}
    assert views.mentioning([rule], "sku") == {(RuleType.TRACK, "Order")}
    # in the schema's text, but no property's name
    assert views.mentioning([rule], "object") == set()


def test_an_events_versions_show_newest_first_with_every_label() -> None:
    older = LiveRule(
        row_id=1,
        type=RuleType.TRACK,
        key="Order",
        version=1,
        schema_text='{"labels": {"team": "web"}}',
        labels=[Label(key="area", value="checkout")],
        description="Own",
    )
    newer = LiveRule(
        row_id=2, type=RuleType.TRACK, key="Order", version=2, schema_text=None, labels=[], description=None
    )

    event = views.event_view([older, newer])

    assert [version.version for version in event.versions] == [2, 1]
    assert event.versions[1].labels == ["area:checkout", "team:web"]
    assert event.versions[1].description == "Own" and event.versions[0].schema == "null"


def test_a_diff_marks_lines_added_removed_and_left_out() -> None:
    before = "\n".join(f"line {n}" for n in range(20))
    after = before.replace("line 10", "line ten")

    lines = views.diff_lines(before, after, context=1)

    assert [(line.kind, line.text) for line in lines] == [
        ("gap", "@@ -10,3 +10,3 @@"),
        ("same", "line 9"),
        ("removed", "line 10"),
        ("added", "line ten"),
        ("same", "line 11"),
    ]
    assert views.diff_lines("same", "same") == []


def test_a_chart_puts_each_hour_in_its_place_scaled_to_the_peak() -> None:
    since = datetime(2026, 11, 30, 0, tzinfo=UTC)
    now = since + timedelta(hours=24, minutes=30)
    hours = [
        EventHour(event_type="track", event_name="Order", hour=since, count=4),
        EventHour(event_type="track", event_name="Order", hour=since + timedelta(hours=24), count=8),
        EventHour(event_type="identify", event_name="", hour=since + timedelta(hours=12), count=1),
    ]

    charts = views.violation_charts(hours, since, now)

    order = charts[("track", "Order")]
    assert (order.total, order.peak) == (12, 8)
    assert [(bar.x, bar.height, bar.y) for bar in order.bars] == [(0.0, 40.0, 40.0), (576.0, 80.0, 0.0)]
    assert charts[("identify", "")].event_name is None and charts[("identify", "")].bars[0].x == 288.0
