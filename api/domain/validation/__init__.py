"""The validation engine: checks events against a tracking plan the way Segment's Protocols does.

Pure (no I/O, no Litestar, no asyncpg), so a stream processor or the CLI can embed it:

    plan = compile_plan([PlanRule(type="TRACK", key="Order Completed", version=1, json_schema={...})])
    checked = plan.check(read_event(raw_bytes))   # rules, unplanned, violations, unplanned properties
    plan.is_valid(event)                          # the fast verdict, no violation list

`run_pipeline` adds a source's transformations and schema controls; `PlanCache` keeps compiled plans.
"""

from api.domain.validation.cache import PlanCache
from api.domain.validation.controls import (
    Outcome,
    PipelineResult,
    PlanRef,
    SourceRef,
    apply_controls,
    run_pipeline,
    violation_events,
)
from api.domain.validation.dialect import standard_schema
from api.domain.validation.engine import (
    Checked,
    CompiledPlan,
    PlanRule,
    RuleRef,
    SchemaError,
    compile_plan,
    compile_schema,
)
from api.domain.validation.events import EventError, check_event_shape, read_event
from api.domain.validation.violations import VIOLATION_TYPES, Violation

__all__ = [
    "VIOLATION_TYPES",
    "Checked",
    "CompiledPlan",
    "EventError",
    "Outcome",
    "PipelineResult",
    "PlanCache",
    "PlanRef",
    "PlanRule",
    "RuleRef",
    "SchemaError",
    "SourceRef",
    "Violation",
    "apply_controls",
    "check_event_shape",
    "compile_plan",
    "compile_schema",
    "read_event",
    "run_pipeline",
    "standard_schema",
    "violation_events",
]
