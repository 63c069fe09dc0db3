"""The web view's pages: plans, one plan, a rule's history, a plan's violations, sources, their debugger and
their observed schema.

Read-only: every page reads through the store's functions, with the workspace of the viewer's session, so
another workspace's id is a 404 page like any unknown one. Each page's state (filters, page, window) is in its
URL, so links can be shared.
"""

from datetime import UTC, datetime
from typing import Annotated, Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import PathParameter, QueryParameter
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from api.domain.event_reports import DIGEST_WINDOW, Window, delivery_totals, digest, event_violations, window_start
from api.domain.observed import EventType, SchemaFilters, SchemaWindow
from api.domain.pagination import FIRST_PAGE, PageRequest, decode_cursor
from api.domain.plans import PlanType
from api.domain.rules import RuleIdentity, RuleType
from api.domain.tokens import Principal
from api.errors import NotFound
from api.services.observed import observed_schema
from api.store import Pool, changelog, events, plans, rules, sources, tokens
from api.ui import views
from api.ui.sessions import UI_PATH, end_session, session_id, start_session

Viewer = NamedDependency[Principal]
"""Who is looking: the principal of the session's token (no session: the sign-in form)."""
UiPool = NamedDependency[Pool]

SearchText = Annotated[str | None, QueryParameter(name="q", max_length=200, description="Text to look for.")]
Cursor = Annotated[str | None, QueryParameter(name="cursor", max_length=500)]
PageNumber = Annotated[int, QueryParameter(name="page", ge=1, le=1_000_000)]
LabelFilter = Annotated[str | None, QueryParameter(name="label", max_length=201)]
PlanId = Annotated[str, PathParameter(max_length=200)]
SourceId = Annotated[str, PathParameter(max_length=200)]
WindowChoice = Annotated[Window, QueryParameter(name="window")]
MAX_TOKEN_CHARS = 1000
"""Longer text typed as a token is not looked up."""


def _page_request(cursor: str | None, count: int) -> PageRequest:
    return PageRequest(count=count, cursor=decode_cursor(cursor) if cursor else FIRST_PAGE)


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: a page of the view only (never another site), else the plans."""
    if target and target.startswith(f"{UI_PATH}/") and not target.startswith(f"{UI_PATH}/sign-") and "\\" not in target:
        return target
    return f"{UI_PATH}/plans"


@get("/", sync_to_thread=False)
def home() -> Redirect:
    """The view starts at the workspace's plans (the sign-in form first when there is no session)."""
    return Redirect(f"{UI_PATH}/plans", status_code=303)


@get("/sign-in", sync_to_thread=False)
def sign_in_form(next_page: Annotated[str | None, QueryParameter(name="next", max_length=2000)] = None) -> Template:
    """The form that takes a token once."""
    return Template("sign_in.html", context={"next": next_page or "", "error": None})


@post("/sign-in", status_code=303)
async def sign_in(request: Request[Any, Any, Any], ui_pool: UiPool) -> Response[Any]:
    """A token of any role starts a session of that token; a wrong or revoked one answers the form again, with a
    message that says no more than that it was not accepted."""
    form = await request.form()
    secret = str(form.get("token") or "").strip()
    target = str(form.get("next") or "")
    principal = await tokens.find_principal(ui_pool, secret) if 0 < len(secret) <= MAX_TOKEN_CHARS else None
    if principal is None:
        context = {"next": target, "error": "That token was not accepted."}
        return Template("sign_in.html", context=context, status_code=401)
    response = Redirect(_safe_next(target), status_code=303)
    await start_session(ui_pool, principal, response, https=request.url.scheme == "https")
    return response


@post("/sign-out", status_code=303)
async def sign_out(request: Request[Any, Any, Any], ui_pool: UiPool) -> Response[Any]:
    """End the session and go back to the sign-in form."""
    response = Redirect(f"{UI_PATH}/sign-in", status_code=303)
    if session_id(request) is not None:
        await end_session(ui_pool, request, response)
    return response


@get("/plans")
async def plans_page(
    viewer: Viewer,
    ui_pool: UiPool,
    q: SearchText = None,
    plan_type: Annotated[PlanType | None, QueryParameter(name="type")] = None,
    cursor: Cursor = None,
) -> Template:
    """The workspace's plans, oldest first, searched by name and type."""
    page = _page_request(cursor, views.PLANS_PER_PAGE)
    found, pagination = await plans.list_plans(ui_pool, viewer.workspace_id, plan_type, page, name_contains=q)
    context = {"viewer": viewer, "plans": found, "pagination": pagination, "q": q, "type": plan_type}
    return Template("plans.html", context={**context, "types": list(PlanType)})


@get("/plans/{plan_id:str}")
async def plan_page(
    viewer: Viewer,
    ui_pool: UiPool,
    plan_id: PlanId,
    q: SearchText = None,
    rule_type: Annotated[RuleType | None, QueryParameter(name="type")] = None,
    label: LabelFilter = None,
    page_number: PageNumber = 1,
    whole: Annotated[str | None, QueryParameter(name="event", max_length=220)] = None,
) -> Template:
    """One plan: its events grouped by type, each version with its labels, description and properties; filtered
    by type, label and text, 50 events a page. Each version shows its first 50 properties and its schema up to
    20,000 characters, so that the page stays small; `event` (`TYPE:key`) shows one event whole."""
    workspace_id = viewer.workspace_id
    # the list works on rules without their schemas; only the page shown (or a text search) reads schemas
    stored, summaries = await rules.plan_with_rule_summaries(ui_pool, workspace_id, plan_id)
    candidates = summaries
    if q:
        mentioned = views.mentioning(await rules.all_live_rules(ui_pool, workspace_id, plan_id), q)
        candidates = [rule for rule in summaries if (rule.type, rule.key) in mentioned]
    found = views.plan_events(candidates, type=rule_type, label=label or None)
    shown = views.page_of(found, page_number, views.EVENTS_PER_PAGE)
    if page_number > shown.pages:
        raise NotFound(f"There is no page {page_number}: these events fill {shown.pages}.", field="page")
    wanted = [rule.identity for versions in shown.items for rule in versions]
    connected = [source for source, _ in await sources.connected_sources(ui_pool, workspace_id, plan_id)]
    context = {
        "viewer": viewer,
        "plan": stored.plan,
        "revision": stored.revision,
        "rule_count": len(summaries),
        "sources": connected,
        "counts": views.type_counts(summaries),
        "labels": views.plan_labels(summaries),
        "events": views.event_views(await rules.live_rules(ui_pool, workspace_id, plan_id, wanted), whole),
        "page": shown,
        "filters": {"q": q, "type": rule_type, "label": label},
        "page_number": page_number,
    }
    return Template("plan.html", context=context)


@get("/plans/{plan_id:str}/history")
async def history_page(
    viewer: Viewer,
    ui_pool: UiPool,
    plan_id: PlanId,
    rule_type: Annotated[RuleType, QueryParameter(name="type")],
    version: Annotated[int, QueryParameter(name="version", ge=1, le=1_000_000)],
    key: Annotated[str | None, QueryParameter(name="key", max_length=200)] = None,
    from_entry: Annotated[int | None, QueryParameter(name="from", ge=1)] = None,
    to_entry: Annotated[int | None, QueryParameter(name="to", ge=1)] = None,
) -> Template:
    """One rule's history from the plan's changelog, and a line diff between two of its revisions (by default
    the last change)."""
    stored = await plans.get_plan(ui_pool, viewer.workspace_id, plan_id)
    rule = RuleIdentity(type=rule_type, key=key, version=version)
    found = views.revisions(await changelog.rule_changes(ui_pool, viewer.workspace_id, plan_id, rule))
    if not found:
        raise NotFound("This plan has no history of such a rule.")
    by_id = {revision.entry_id: revision for revision in found}
    newer = by_id.get(to_entry) if to_entry else found[-1]
    if newer is None:
        raise NotFound("This rule has no such revision.")
    earlier = [revision for revision in found if revision.entry_id < newer.entry_id]
    older = by_id.get(from_entry) if from_entry else (earlier[-1] if earlier else None)
    if from_entry and older is None:
        raise NotFound("This rule has no such revision.")
    context = {
        "viewer": viewer,
        "plan": stored.plan,
        "rule": rule,
        "revisions": list(reversed(found)),
        "older": older,
        "newer": newer,
        # by default the change itself: from the changelog's `before`, which is the rule's old key after a rename
        "diff": views.diff_lines(older.content if from_entry and older else newer.previous, newer.content),
    }
    return Template("history.html", context=context)


@get("/plans/{plan_id:str}/violations")
async def violations_page(
    viewer: Viewer, ui_pool: UiPool, plan_id: PlanId, window: WindowChoice = Window.DAY
) -> Template:
    """The violations of the events the plan's sources received in the last hour, day or week: a chart per event
    of its violations per hour, each violation type and field, and the digest of the last 48 hours."""
    workspace_id = viewer.workspace_id
    stored = await plans.get_plan(ui_pool, workspace_id, plan_id)
    connected = [source for source, _ in await sources.connected_sources(ui_pool, workspace_id, plan_id)]
    source_ids = [source.id for source in connected]
    now = datetime.now(UTC)
    since = window_start(window, now)
    counts = await events.plan_violations_since(ui_pool, workspace_id, source_ids, since) if source_ids else []
    hours = await events.plan_violation_hours(ui_pool, workspace_id, source_ids, since) if source_ids else []
    charts = views.violation_charts(hours, since, now)
    found = event_violations(counts, with_samples=False)
    digest_since = window_start(DIGEST_WINDOW, now)
    in_workspace = await events.workspace_violations_since(ui_pool, workspace_id, digest_since) if source_ids else []
    context = {
        "viewer": viewer,
        "plan": stored.plan,
        "sources": connected,
        "window": window,
        "windows": list(Window),
        "since": since,
        "events": [(event, charts.get((event.event_type, event.event_name or ""))) for event in found],
        "digest": digest(found for found in in_workspace if found.source_id in source_ids),
        "digest_since": digest_since,
    }
    return Template("violations.html", context=context)


@get("/sources")
async def sources_page(viewer: Viewer, ui_pool: UiPool, cursor: Cursor = None) -> Template:
    """The workspace's sources, with links to their debugger."""
    found, pagination = await sources.list_sources(
        ui_pool, viewer.workspace_id, None, _page_request(cursor, views.PLANS_PER_PAGE)
    )
    return Template("sources.html", context={"viewer": viewer, "sources": found, "pagination": pagination})


@get("/sources/{source_id:str}/debugger")
async def debugger_page(
    viewer: Viewer,
    ui_pool: UiPool,
    source_id: SourceId,
    outcome: Annotated[str | None, QueryParameter(name="outcome", pattern="^(DELIVERED|BLOCKED|DROPPED)$")] = None,
) -> Template:
    """A source's last 100 events, newest first, each with its outcome and violations; the day's counts."""
    workspace_id = viewer.workspace_id
    stored = await sources.get_source(ui_pool, workspace_id, source_id)
    plan = (await plans.get_plan(ui_pool, workspace_id, stored.plan_id)).plan if stored.plan_id else None
    seen = await events.recent_events(ui_pool, workspace_id, source_id)
    since = window_start(Window.DAY, datetime.now(UTC))
    totals = delivery_totals(await events.deliveries_since(ui_pool, workspace_id, source_id, since))
    context = {
        "viewer": viewer,
        "source": stored.source,
        "plan": plan,
        "outcome": outcome,
        "outcomes": ["DELIVERED", "BLOCKED", "DROPPED"],
        "totals": totals,
        "entries": [views.debugger_entry(entry) for entry in seen if outcome is None or entry.outcome == outcome],
    }
    return Template("debugger.html", context=context)


@get("/sources/{source_id:str}/schema")
async def schema_page(
    viewer: Viewer,
    ui_pool: UiPool,
    source_id: SourceId,
    window: Annotated[SchemaWindow, QueryParameter(name="window")] = SchemaWindow.DAY,
    event_type: Annotated[EventType | None, QueryParameter(name="type")] = None,
    cursor: Cursor = None,
) -> Template:
    """What the source really sends (its observed schema) beside its plan: the events and the properties the plan
    lacks are marked."""
    workspace_id = viewer.workspace_id
    stored = await sources.get_source(ui_pool, workspace_id, source_id)
    plan = (await plans.get_plan(ui_pool, workspace_id, stored.plan_id)).plan if stored.plan_id else None
    page = _page_request(cursor, views.PLANS_PER_PAGE)
    schema = await observed_schema(ui_pool, workspace_id, source_id, window, SchemaFilters(event_type=event_type), page)
    context = {
        "viewer": viewer,
        "source": stored.source,
        "plan": plan,
        "schema": schema,
        "window": window,
        "windows": list(SchemaWindow),
        "event_type": event_type,
        "event_types": list(EventType),
        "lacking_events": sum(1 for event in schema.events if not event.planned),
        "lacking_properties": sum(1 for event in schema.events for found in event.properties if not found.declared),
    }
    return Template("schema.html", context=context)


PAGES: list[ControllerRouterHandler] = [
    home,
    sign_in_form,
    sign_in,
    sign_out,
    plans_page,
    plan_page,
    history_page,
    violations_page,
    sources_page,
    debugger_page,
    schema_page,
]
