"""openapi.yaml against the running service: every operation, then sequences along its links."""

import asyncio
import uuid
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from tests.conftest import PROFILE, Tenant, create_tenant

FULL = PROFILE == "full"
MAX_EXAMPLES = 300 if FULL else 5
"""Fuzzed cases per operation and generation mode, on top of the coverage phase's own."""
SCENARIOS = 250 if FULL else 40
"""Stateful scenarios, each of up to `STEPS` calls (fewer than 40 left a linked DELETE unreached now and then: most
generated calls send an `If-Match` that is not the plan's revision)."""
STEPS = 6

schema = schemathesis.openapi.from_path(Path(__file__).parents[2] / "openapi.yaml")
schema.config.generation.update(
    modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE],
    max_examples=MAX_EXAMPLES,
    # every call carries a real owner token; made-up credentials would only ever be answered 401
    with_security_parameters=False,
)
if not FULL:
    # the coverage phase's boundary and negative cases are the bulk of the run: CI's, not the inner loop's
    schema.config.phases.update(phases=["examples", "fuzzing", "stateful"])
schema.config.checks.update(
    included_check_names=[
        "not_a_server_error",
        "status_code_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
        # these two judge only the stateful run: a created plan is there until deleted, and gone after
        "ensure_resource_availability",
        "use_after_free",
    ]
)
# schema-violating input may also be refused for its size before it is read: a URL over 8 KiB is a 414
rejection = schema.config.checks.negative_data_rejection
rejection.expected_statuses = [*rejection.expected_statuses, "414"]

# The server runs in this process, so generating data competes with it for the GIL: on a busy
# machine Hypothesis may find generation "too slow", which says nothing about the API.
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="session")
def contract_tenant(database_url: str) -> Tenant:
    """One workspace for the whole run: Hypothesis calls the test many times per fixture setup."""
    return asyncio.run(create_tenant(database_url))


@schema.parametrize()
@SETTINGS
def test_every_operation(case: schemathesis.Case, live_server: str, contract_tenant: Tenant) -> None:
    case.call_and_validate(base_url=live_server, headers=contract_tenant.headers("owner"))


def test_linked_calls(live_server: str, contract_tenant: Tenant) -> None:
    """Create plans, then read, update and delete them by the id the create answered (the spec's links)."""

    succeeded: set[str] = set()

    class LinkedCalls(schema.as_state_machine()):
        def before_call(self, case: schemathesis.Case) -> None:
            # A key stands for one logical create, as clients use it. Generated keys repeat across
            # scenarios, and a repeated key replays its first answer: a plan an earlier scenario deleted.
            if "Idempotency-Key" in case.headers:
                case.headers["Idempotency-Key"] = uuid.uuid4().hex

        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"base_url": live_server, "headers": contract_tenant.headers("owner")}

        def after_call(self, response: schemathesis.Response, case: schemathesis.Case) -> None:
            super().after_call(response, case)
            if 200 <= response.status_code < 300:
                succeeded.add(case.operation.label)

    # the state machine's own settings already drop the deadline and the health checks
    LinkedCalls.run(settings=settings(LinkedCalls.TestCase.settings, max_examples=SCENARIOS, stateful_step_count=STEPS))

    # a run whose creates all failed would have followed no link and checked nothing
    linked = {f"{method} /tracking-plans/{{trackingPlanId}}" for method in ("GET", "PATCH", "DELETE")}
    assert {"POST /tracking-plans", *linked} <= succeeded
