"""`AsyncTrackingPlans`: `TrackingPlans` for asyncio, the same groups and methods, awaited.

Written by client/make_async.py from client.py (`make client`); edit client.py, not this file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import TracebackType
from typing import Any

from tracking_plans_client import AuthenticatedClient
from tracking_plans_client.models import (
    ChangelogEntry,
    ConfigTrackingPlan,
    CopyData,
    DeliveryData,
    DigestViolation,
    EventViolations,
    IssuedToken,
    ObservedEvent,
    ObservedImportData,
    PlanValidationData,
    PreviewData,
    RecentEvent,
    SchemaSettingsData,
    Source,
    SourceConnection,
    SourceValidationData,
    Token,
    Transformation,
    Workspace,
)

from tracking_plans import config_operations as config_ops
from tracking_plans import event_operations as event_ops
from tracking_plans import operations as ops
from tracking_plans.errors import ApiError, ConfigurationError
from tracking_plans.models import Export, Rule, RuleId, RuleInput, RulesChange, TrackingPlan
from tracking_plans.operations import operation
from tracking_plans.paging import AsyncPager
from tracking_plans.rule_batches import BATCH_SIZE, batch_error, batches
from tracking_plans.transport import AsyncTransport, low_level_client


class _Group:
    def __init__(self, transport: AsyncTransport) -> None:
        self._t = transport


class Workspaces(_Group):
    @operation("getWorkspace")
    async def get(self) -> Workspace:
        """The token's workspace (`id`, `slug`, `name`)."""
        return await self._t.run(ops.get_workspace())


class Tokens(_Group):
    """Tokens of the workspace (owner tokens only)."""

    @operation("listTokens")
    async def list(self) -> list[Token]:
        return await self._t.run(ops.list_tokens())

    @operation("createToken")
    async def create(self, name: str, role: str) -> IssuedToken:
        """A new token; its `secret` is in this answer only. `role`: WORKSPACE_OWNER, PROTOCOLS_ADMIN, ..."""
        return await self._t.run(ops.create_token(name, role))

    @operation("deleteToken")
    async def delete(self, token_id: str) -> None:
        """Revokes the token at once."""
        await self._t.run(ops.delete_token(token_id))


class Plans(_Group):
    """Tracking plans; `etag` on a plan is its revision, for `if_match=`."""

    @operation("listTrackingPlans")
    def list(self, *, type: str | None = None, page_size: int = ops.MAX_PAGE_SIZE) -> AsyncPager[TrackingPlan]:
        return AsyncPager(self._t, ops.list_plans(page_size, type))

    @operation("createTrackingPlan")
    async def create(self, name: str, *, type: str = "LIVE", description: str | None = None) -> TrackingPlan:
        """A new plan; sent with an `Idempotency-Key`, so a retry after a lost answer creates it once."""
        return await self._t.run(ops.create_plan(name, type, description))

    @operation("getTrackingPlan")
    async def get(self, plan_id: str) -> TrackingPlan:
        return await self._t.run(ops.get_plan(plan_id))

    @operation("updateTrackingPlan")
    async def update(
        self, plan_id: str, *, name: str | None = None, description: str | None = None, if_match: str | None = None
    ) -> str:
        """Changes the fields given; answers the plan's new `ETag`."""
        changes = {key: value for key, value in (("name", name), ("description", description)) if value is not None}
        return await self._t.run(ops.update_plan(plan_id, changes, if_match))

    @operation("deleteTrackingPlan")
    async def delete(self, plan_id: str, *, if_match: str | None = None) -> None:
        await self._t.run(ops.delete_plan(plan_id, if_match))

    @operation("listTrackingPlanChangelog")
    def changelog(self, plan_id: str, *, page_size: int = ops.MAX_PAGE_SIZE) -> AsyncPager[ChangelogEntry]:
        """Every change to the plan and its rules, newest first."""
        return AsyncPager(self._t, ops.list_changelog(plan_id, page_size))

    @operation("listSourcesFromTrackingPlan")
    def sources(self, plan_id: str, *, page_size: int = ops.MAX_PAGE_SIZE) -> AsyncPager[Source]:
        return AsyncPager(self._t, ops.list_plan_sources(plan_id, page_size))

    @operation("addSourceToTrackingPlan")
    async def add_source(self, plan_id: str, source_id: str) -> None:
        await self._t.run(ops.add_source(plan_id, source_id))

    @operation("removeSourceFromTrackingPlan")
    async def remove_source(self, plan_id: str, source_id: str) -> None:
        await self._t.run(ops.remove_source(plan_id, source_id))

    @operation("validateEventsAgainstTrackingPlan")
    async def validate(self, plan_id: str, events: Sequence[Mapping[str, Any]]) -> PlanValidationData:
        """Checks 1 to 1,000 events against the plan's rules: each one's rules and violations, and a summary."""
        return await self._t.run(ops.validate_against_plan(plan_id, events))

    @operation("exportTrackingPlan")
    async def export(self, plan_id: str, format: ops.ExportFormat = "json") -> Export:
        """The plan as a file (`json`: the plan as code; `csv`: one row per rule and property), with its file name."""
        return await self._t.run(ops.export_plan(plan_id, format))


class Rules(_Group):
    """A plan's rules. Writes take any number of rules, sent in batches of 200 chained with `If-Match`."""

    @operation("listRulesFromTrackingPlan")
    def list(
        self,
        plan_id: str,
        *,
        type: str | None = None,
        key: str | None = None,
        label: str | None = None,
        include_deprecated: bool = False,
        page_size: int = ops.MAX_PAGE_SIZE,
    ) -> AsyncPager[Rule]:
        """The plan's rules; `label` filters by `key:value`; `include_deprecated` adds removed versions."""
        return AsyncPager(self._t, ops.list_rules(plan_id, page_size, type, key, label, include_deprecated))

    @operation("updateRulesInTrackingPlan")
    async def upsert(
        self, plan_id: str, rules: Iterable[RuleInput], *, if_match: str | None = None, dry_run: bool = False
    ) -> RulesChange:
        """Creates or updates the rules given, 200 per call, each call only if the plan is where the last left it.

        Raises RulesBatchError when a call fails: it says which batches were applied and which rule failed.
        A dry run of several batches checks each against the plan as it is (the earlier ones were not applied).
        """
        given = list(rules)
        return await self._write(
            "PATCH", "upsert", plan_id, [r.to_wire() for r in given], [r.id for r in given], if_match, dry_run
        )

    @operation("removeRulesFromTrackingPlan")
    async def remove(
        self, plan_id: str, rules: Iterable[RuleId], *, if_match: str | None = None, dry_run: bool = False
    ) -> RulesChange:
        """Removes the rules named (kept as history), in batches as `upsert`; a rule that is not live is a 404."""
        given = list(rules)
        return await self._write("DELETE", "remove", plan_id, [r.to_wire() for r in given], given, if_match, dry_run)

    @operation("replaceRulesInTrackingPlan")
    async def replace(
        self, plan_id: str, rules: Iterable[RuleInput], *, if_match: str | None = None, dry_run: bool = False
    ) -> RulesChange:
        """Makes the plan's live rules exactly these, in one call: at most 200 rules (ConfigurationError beyond)."""
        given = list(rules)
        if len(given) > BATCH_SIZE:
            raise ConfigurationError(
                f'replace() takes at most {BATCH_SIZE} rules ({len(given)} given): the server replaces in one call, and batches would leave the plan half replaced. For larger plans use `trackplan apply` (see "Plans as code" in the README), or copies.restore(document, mode="REPLACE", ...), which has no limit.'
            )
        return ops.rules_change(
            await self._t.run(ops.write_rules("PUT", plan_id, [r.to_wire() for r in given], if_match, dry_run))
        )

    async def _write(
        self,
        method: str,
        operation_name: str,
        plan_id: str,
        wires: Sequence[dict[str, Any]],
        ids: Sequence[RuleId],
        if_match: str | None,
        dry_run: bool,
    ) -> RulesChange:
        change, parts = (RulesChange(), batches(wires))
        for number, (offset, batch) in enumerate(parts, 1):
            try:
                data, etag = await self._t.run(ops.write_rules(method, plan_id, batch, if_match, dry_run))
            except ApiError as exc:
                raise batch_error(
                    exc, operation=operation_name, number=number, total=len(parts), offset=offset, ids=ids
                ) from exc
            change.add(data, etag)
            if_match = etag or if_match
        return change


class Sources(_Group):
    """Sources and their schema settings."""

    @operation("listSources")
    def list(self, *, page_size: int = ops.MAX_PAGE_SIZE) -> AsyncPager[Source]:
        return AsyncPager(self._t, ops.list_sources(page_size))

    @operation("createSource")
    async def create(
        self,
        slug: str,
        metadata_id: str,
        *,
        name: str | None = None,
        enabled: bool = True,
        settings: Mapping[str, Any] | None = None,
    ) -> Source:
        """A new source of kind `metadata_id` (`javascript`, `ios`, `http-api`, ...)."""
        body: dict[str, Any] = {"slug": slug, "enabled": enabled, "metadataId": metadata_id}
        body |= {"name": name} if name is not None else {}
        body |= {"settings": dict(settings)} if settings is not None else {}
        return await self._t.run(ops.create_source(body))

    @operation("getSource")
    async def get(self, source_id: str) -> tuple[Source, str | None]:
        """The source and the id of the plan it is connected to (None when none)."""
        return await self._t.run(ops.get_source(source_id))

    @operation("deleteSource")
    async def delete(self, source_id: str) -> None:
        await self._t.run(ops.delete_source(source_id))

    @operation("listSchemaSettingsInSource")
    async def settings(self, source_id: str) -> SchemaSettingsData:
        return await self._t.run(ops.get_settings(source_id))

    @operation("updateSchemaSettingsInSource")
    async def update_settings(self, source_id: str, changes: ops.Body) -> SchemaSettingsData:
        """Changes the settings named, e.g. `{"track": {"allowUnplannedEvents": False}}` or a SchemaSettingsChange."""
        return await self._t.run(ops.update_settings(source_id, changes))

    @operation("validateEventsThroughSource")
    async def validate(self, source_id: str, events: Sequence[Mapping[str, Any]]) -> SourceValidationData:
        """1 to 1,000 events through the source's pipeline as a dry run: each one's outcome, event and violations."""
        return await self._t.run(ops.validate_through_source(source_id, events))


class Transformations(_Group):
    """Transformations of events on their way out (owner tokens write them)."""

    @operation("listTransformations")
    def list(self, *, page_size: int = ops.MAX_PAGE_SIZE) -> AsyncPager[Transformation]:
        return AsyncPager(self._t, ops.list_transformations(page_size))

    @operation("createTransformation")
    async def create(self, transformation: ops.Body) -> Transformation:
        """From a TransformationInput or its dict (`name`, `sourceId`, `enabled`, `if`, actions)."""
        return await self._t.run(ops.create_transformation(transformation))

    @operation("getTransformation")
    async def get(self, transformation_id: str) -> Transformation:
        return await self._t.run(ops.get_transformation(transformation_id))

    @operation("updateTransformation")
    async def update(self, transformation_id: str, changes: ops.Body) -> Transformation:
        """Changes the fields named (an UpdateTransformation or its dict); `None` removes an action."""
        return await self._t.run(ops.update_transformation(transformation_id, changes))

    @operation("deleteTransformation")
    async def delete(self, transformation_id: str) -> None:
        await self._t.run(ops.delete_transformation(transformation_id))

    @operation("previewTransformations")
    async def preview(
        self, source_id: str, event: Mapping[str, Any], *, destination_metadata_id: str | None = None
    ) -> PreviewData:
        """The event as it would leave the source (and the destination, when named)."""
        return await self._t.run(ops.preview_transformations(source_id, event, destination_metadata_id))


class Events(_Group):
    """What sources received through the HTTP Tracking API (`/v1/...`): violations, the digest, delivery counts and
    the debugger. Each worker of the service writes its counts within a second."""

    @operation("listViolationsOfTrackingPlan")
    def plan_violations(
        self, plan_id: str, *, window: event_ops.Window = "24h", page_size: int = ops.MAX_PAGE_SIZE
    ) -> AsyncPager[EventViolations]:
        """Per event (name, type, rule version) of the plan's sources: its count, by violation type and field."""
        return AsyncPager(self._t, event_ops.plan_violations(plan_id, window, page_size))

    @operation("listViolationsOfSource")
    def source_violations(
        self,
        source_id: str,
        *,
        window: event_ops.Window = "24h",
        event: str | None = None,
        page_size: int = ops.MAX_PAGE_SIZE,
    ) -> AsyncPager[EventViolations]:
        """The same for one source (only `event` when given), with the last 5 offending events of each violation."""
        return AsyncPager(self._t, event_ops.source_violations(source_id, window, event, page_size))

    @operation("getViolationsDigest")
    def digest(self, *, page_size: int = ops.MAX_PAGE_SIZE) -> AsyncPager[DigestViolation]:
        """The workspace's unique violations (source, event, field, type) of the prior 48 hours."""
        return AsyncPager(self._t, event_ops.digest(page_size))

    @operation("getSourceDelivery")
    async def delivery(self, source_id: str, *, window: event_ops.Window = "24h") -> DeliveryData:
        """Received, delivered, blocked, dropped and omitted counts, in total and per hour."""
        return await self._t.run(event_ops.delivery(source_id, window))

    @operation("getSourceSchema")
    def schema(
        self,
        source_id: str,
        *,
        window: event_ops.SchemaWindow = "24h",
        event_type: event_ops.EventType | None = None,
        event: str | None = None,
        page_size: int = ops.MAX_PAGE_SIZE,
    ) -> AsyncPager[ObservedEvent]:
        """The source's observed schema: each event it sent in the window (of `event_type`, named `event`, when given)
        with its count, the connected plan's rule versions, its violations, and its properties' observed types."""
        return AsyncPager(self._t, event_ops.source_schema(source_id, window, event_type, event, page_size))

    @operation("listRecentEventsOfSource")
    def recent(self, source_id: str, *, page_size: int = ops.MAX_PAGE_SIZE) -> AsyncPager[RecentEvent]:
        """The debugger: the source's last 100 events, newest first, with their outcome."""
        return AsyncPager(self._t, event_ops.recent_events(source_id, page_size))


class Copies(_Group):
    """Copies between plans and workspaces, duplicates, and imports from rule libraries."""

    @operation("copyTrackingPlan")
    async def copy(
        self,
        source_plan_id: str,
        *,
        source_token: str,
        mode: ops.CopyModeName = "CREATE",
        target_plan_id: str | None = None,
        name: str | None = None,
        if_match: str | None = None,
        dry_run: bool = False,
    ) -> CopyData:
        """Copies a plan's rules into this workspace; `source_token` is any token of the source plan's workspace."""
        body: dict[str, Any] = {"sourceTrackingPlanId": source_plan_id, "mode": mode}
        body |= {"targetTrackingPlanId": target_plan_id} if target_plan_id is not None else {}
        body |= {"name": name} if name is not None else {}
        return await self._t.run(ops.copy_plan(body, source_token, if_match, dry_run))

    async def restore(
        self,
        document: Mapping[str, Any],
        *,
        mode: ops.CopyModeName = "CREATE",
        target_plan_id: str | None = None,
        name: str | None = None,
        if_match: str | None = None,
        dry_run: bool = False,
    ) -> CopyData:
        """Applies a JSON export (`plans.export(...).json()`) in one transaction, with no 200-rule limit."""
        body: dict[str, Any] = {"document": dict(document), "mode": mode}
        body |= {"targetTrackingPlanId": target_plan_id} if target_plan_id is not None else {}
        body |= {"name": name} if name is not None else {}
        return await self._t.run(ops.copy_plan(body, None, if_match, dry_run))

    @operation("duplicateTrackingPlan")
    async def duplicate(self, plan_id: str, name: str) -> TrackingPlan:
        """A new plan of the same type with every live rule and no sources."""
        return await self._t.run(ops.duplicate_plan(plan_id, name))

    @operation("importRulesFromLibrary")
    async def import_rules(
        self,
        plan_id: str,
        library_id: str,
        *,
        keys: Sequence[str] | None = None,
        if_match: str | None = None,
        dry_run: bool = False,
    ) -> CopyData:
        """Upserts a rule library's rules (all, or every version of the events named) into a LIVE plan."""
        return await self._t.run(ops.import_rules(plan_id, library_id, keys, if_match, dry_run))

    @operation("importObservedEvents")
    async def import_observed(
        self,
        plan_id: str,
        source_id: str,
        *,
        window: event_ops.SchemaWindow = "24h",
        events: Sequence[Mapping[str, str]] | None = None,
        required_when_always_present: bool = False,
        if_match: str | None = None,
        dry_run: bool = False,
    ) -> ObservedImportData:
        """Creates or updates the LIVE plan's rules from what the source sent in the window (all its events, or those
        named as `{"type": "TRACK", "key": ...}`), with inferred types; `ambiguous` lists the properties sent with
        several types, `conflicting` those a rule declares with another type than sent (kept), `skipped` the places
        under a `$ref` left alone. One transaction, no 200-rule limit."""
        return await self._t.run(
            ops.import_observed(plan_id, source_id, window, events, required_when_always_present, if_match, dry_run)
        )


class ConfigApi(_Group):
    """Segment's Config API (v1beta): plans as one document named by `rs_` id (their `tp_` id works too).

    `workspace_slug` defaults to the token's workspace, read once.
    """

    def __init__(self, transport: AsyncTransport, workspaces: Workspaces) -> None:
        super().__init__(transport)
        self._workspaces = workspaces
        self._slug: str | None = None

    async def _workspace(self, workspace_slug: str | None) -> str:
        if workspace_slug is not None:
            return workspace_slug
        if self._slug is None:
            self._slug = (await self._workspaces.get()).slug
        return self._slug

    @operation("configListTrackingPlans")
    def list_plans(
        self, *, workspace_slug: str | None = None, page_size: int = config_ops.MAX_PAGE_SIZE
    ) -> AsyncPager[ConfigTrackingPlan]:

        async def listing() -> ops.Listing[ConfigTrackingPlan]:
            return config_ops.list_plans(await self._workspace(workspace_slug), page_size)

        return AsyncPager(self._t, listing)

    @operation("configCreateTrackingPlan")
    async def create_plan(
        self, display_name: str, rules: Mapping[str, Any] | None = None, *, workspace_slug: str | None = None
    ) -> ConfigTrackingPlan:
        """`rules` as the Config API has them: `{"global", "events": [...], "identify", "group"}`."""
        return await self._t.run(config_ops.create_plan(await self._workspace(workspace_slug), display_name, rules))

    @operation("configGetTrackingPlan")
    async def get_plan(self, plan_id: str, *, workspace_slug: str | None = None) -> ConfigTrackingPlan:
        return await self._t.run(config_ops.get_plan(await self._workspace(workspace_slug), plan_id))

    @operation("configUpdateTrackingPlan")
    async def update_plan(
        self,
        plan_id: str,
        *,
        display_name: str | None = None,
        rules: Mapping[str, Any] | None = None,
        if_match: str | None = None,
        workspace_slug: str | None = None,
    ) -> ConfigTrackingPlan:
        """Changes what is given (the update mask names exactly those); `rules` replaces the document's rules."""
        call = config_ops.update_plan(await self._workspace(workspace_slug), plan_id, display_name, rules, if_match)
        return await self._t.run(call)

    @operation("configDeleteTrackingPlan")
    async def delete_plan(
        self, plan_id: str, *, if_match: str | None = None, workspace_slug: str | None = None
    ) -> None:
        await self._t.run(config_ops.delete_plan(await self._workspace(workspace_slug), plan_id, if_match))

    @operation("configListSourceConnections")
    async def list_connections(self, plan_id: str, *, workspace_slug: str | None = None) -> list[SourceConnection]:
        return await self._t.run(config_ops.list_connections(await self._workspace(workspace_slug), plan_id))

    @operation("configCreateSourceConnection")
    async def connect_source(
        self, plan_id: str, source_slug: str, *, workspace_slug: str | None = None
    ) -> SourceConnection:
        return await self._t.run(config_ops.connect_source(await self._workspace(workspace_slug), plan_id, source_slug))

    @operation("configDeleteSourceConnection")
    async def disconnect_source(self, plan_id: str, source_slug: str, *, workspace_slug: str | None = None) -> None:
        await self._t.run(config_ops.disconnect_source(await self._workspace(workspace_slug), plan_id, source_slug))


class AsyncTrackingPlans:
    """The client: `TrackingPlans(base_url="http://127.0.0.1:8000", token="tps_...")`, best used with `with`.

    `base_url` and `token` default to TRACKING_PLANS_URL and TRACKING_PLANS_TOKEN. `timeout` is in seconds;
    429 and 503 answers are retried up to `max_retries` times, waiting as `Retry-After` says (when it asks for
    more than `max_retry_wait` seconds, the error is raised at once). `low` is the generated client, for calls
    this layer does not make; `httpx_args` go to its httpx client (e.g. `transport=` in tests). Raises
    ConfigurationError for a base URL without `http(s)://` or with a path, or without a token.
    """

    def __init__(
        self,
        base_url: str | None = None,
        token: str | None = None,
        *,
        timeout: float = 30.0,
        max_retries: int = 3,
        max_retry_wait: float = 60.0,
        **httpx_args: Any,
    ) -> None:
        self.low: AuthenticatedClient = low_level_client(base_url, token, timeout, **httpx_args)
        self._transport = AsyncTransport(self.low, max_retries, max_retry_wait)
        self.workspace = Workspaces(self._transport)
        self.tokens = Tokens(self._transport)
        self.plans = Plans(self._transport)
        self.rules = Rules(self._transport)
        self.sources = Sources(self._transport)
        self.transformations = Transformations(self._transport)
        self.copies = Copies(self._transport)
        self.events = Events(self._transport)
        self.v1beta = ConfigApi(self._transport, self.workspace)

    async def __aenter__(self) -> AsyncTrackingPlans:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Closes the connections."""
        await self._transport.http.aclose()
