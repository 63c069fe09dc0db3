"""Compiled plans kept per worker, by (plan id, revision), within a bound on memory."""

import threading
from collections import OrderedDict
from collections.abc import Callable

from api.domain.validation.engine import CompiledPlan

DEFAULT_MAX_PLANS = 64
DEFAULT_MAX_RULES = 20_000
"""Compiled rules kept at most, over all plans: what bounds the memory (a compiled rule is a few KiB)."""


class PlanCache:
    """A least-recently-used cache of compiled plans.

    A plan's revision changes with every write, so a lookup after a rules write misses and compiles
    the new rules; the older revision of that plan is dropped when the new one is stored. Thread-safe.
    """

    def __init__(self, max_plans: int = DEFAULT_MAX_PLANS, max_rules: int = DEFAULT_MAX_RULES) -> None:
        self._plans: OrderedDict[str, tuple[int, CompiledPlan]] = OrderedDict()
        self._max_plans = max_plans
        self._max_rules = max_rules
        self._rules = 0
        self._lock = threading.Lock()
        self.compilations = 0
        """How many plans this cache compiled (each (plan, revision) once while it stays cached)."""

    def get(self, plan_id: str, revision: int) -> CompiledPlan | None:
        """The compiled plan at that revision, if cached."""
        with self._lock:
            found = self._plans.get(plan_id)
            if found is None or found[0] != revision:
                return None
            self._plans.move_to_end(plan_id)
            return found[1]

    def latest(self, plan_id: str) -> CompiledPlan | None:
        """The plan as compiled at whichever revision is cached, if any (what `compile_plan` can reuse)."""
        with self._lock:
            found = self._plans.get(plan_id)
            return found[1] if found is not None else None

    def get_or_compile(self, plan_id: str, revision: int, compile_: Callable[[], CompiledPlan]) -> CompiledPlan:
        """The cached plan, or `compile_()` stored under (plan id, revision)."""
        cached = self.get(plan_id, revision)
        if cached is not None:
            return cached
        compiled = compile_()
        self.put(plan_id, revision, compiled)
        return compiled

    def put(self, plan_id: str, revision: int, compiled: CompiledPlan) -> None:
        with self._lock:
            self.compilations += 1
            previous = self._plans.pop(plan_id, None)
            if previous is not None and previous[0] > revision:
                self._plans[plan_id] = previous  # a slower request compiled an older revision: keep the newer
                return
            if previous is not None:
                self._rules -= previous[1].rule_count
            self._plans[plan_id] = (revision, compiled)
            self._rules += compiled.rule_count
            while len(self._plans) > 1 and (len(self._plans) > self._max_plans or self._rules > self._max_rules):
                _, (_, evicted) = self._plans.popitem(last=False)
                self._rules -= evicted.rule_count

    def __len__(self) -> int:
        return len(self._plans)
