"""Rules writes of any size: batches of at most 200 (the server's limit per call), and what a failure means."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from tracking_plans.errors import ApiError, RulesBatchError
from tracking_plans.models import RuleId

BATCH_SIZE = 200
"""The most rules the server takes in one call; a larger call is refused whole (400)."""
_RULE_FIELD = re.compile(r"^rules\[(\d+)\]")


def batches(rules: Sequence[dict[str, Any]]) -> list[tuple[int, Sequence[dict[str, Any]]]]:
    """(offset of the batch's first rule, the batch) for consecutive batches of at most BATCH_SIZE."""
    return [(offset, rules[offset : offset + BATCH_SIZE]) for offset in range(0, len(rules), BATCH_SIZE)]


def batch_error(
    cause: ApiError, *, operation: str, number: int, total: int, offset: int, ids: Sequence[RuleId]
) -> RulesBatchError:
    """The error for batch `number` (1-based) of `total` failing with `cause`: batches before it were applied.

    The server names the rule at fault in `field` (`rules[3].jsonSchema...`), counted within the batch.
    """
    index: int | None = None
    if cause.field and (found := _RULE_FIELD.match(cause.field)):
        index = offset + int(found.group(1))
    rule = str(ids[index]) if index is not None and index < len(ids) else None
    return RulesBatchError(
        cause,
        operation=operation,
        applied=list(range(1, number)),
        failed=number,
        total=total,
        rule_index=index if rule is not None else None,
        rule=rule,
    )
