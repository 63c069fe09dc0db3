from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.outcome import Outcome
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event import Event
    from ..models.rule_ref import RuleRef
    from ..models.violation import Violation


T = TypeVar("T", bound="PipelineResult")


@_attrs_define
class PipelineResult:
    """
    Attributes:
        index (int):
        outcome (Outcome): What becomes of an event.
        checked (bool):
        event (Event | None | Unset):
        rules (list[RuleRef] | Unset):
        unplanned (bool | Unset):  Default: False.
        violations (list[Violation] | Unset):
        omitted (list[str] | Unset):
        omitted_on_violation (list[str] | Unset):
        blocked_reason (None | str | Unset):
        forwarded_to (None | str | Unset):
        violation_events (list[Event] | Unset):
        error (None | str | Unset):
    """

    index: int
    outcome: Outcome
    checked: bool
    event: Event | Unset | None = UNSET
    rules: list[RuleRef] | Unset = UNSET
    unplanned: bool | Unset = False
    violations: list[Violation] | Unset = UNSET
    omitted: list[str] | Unset = UNSET
    omitted_on_violation: list[str] | Unset = UNSET
    blocked_reason: str | Unset | None = UNSET
    forwarded_to: str | Unset | None = UNSET
    violation_events: list[Event] | Unset = UNSET
    error: str | Unset | None = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.event import Event

        index = self.index

        outcome = self.outcome.value

        checked = self.checked

        event: dict[str, Any] | Unset | None
        if isinstance(self.event, Unset):
            event = UNSET
        elif isinstance(self.event, Event):
            event = self.event.to_dict()
        else:
            event = self.event

        rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rules, Unset):
            rules = []
            for rules_item_data in self.rules:
                rules_item = rules_item_data.to_dict()
                rules.append(rules_item)

        unplanned = self.unplanned

        violations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.violations, Unset):
            violations = []
            for violations_item_data in self.violations:
                violations_item = violations_item_data.to_dict()
                violations.append(violations_item)

        omitted: list[str] | Unset = UNSET
        if not isinstance(self.omitted, Unset):
            omitted = self.omitted

        omitted_on_violation: list[str] | Unset = UNSET
        if not isinstance(self.omitted_on_violation, Unset):
            omitted_on_violation = self.omitted_on_violation

        blocked_reason: str | Unset | None
        if isinstance(self.blocked_reason, Unset):
            blocked_reason = UNSET
        else:
            blocked_reason = self.blocked_reason

        forwarded_to: str | Unset | None
        if isinstance(self.forwarded_to, Unset):
            forwarded_to = UNSET
        else:
            forwarded_to = self.forwarded_to

        violation_events: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.violation_events, Unset):
            violation_events = []
            for violation_events_item_data in self.violation_events:
                violation_events_item = violation_events_item_data.to_dict()
                violation_events.append(violation_events_item)

        error: str | Unset | None
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "outcome": outcome,
                "checked": checked,
            }
        )
        if event is not UNSET:
            field_dict["event"] = event
        if rules is not UNSET:
            field_dict["rules"] = rules
        if unplanned is not UNSET:
            field_dict["unplanned"] = unplanned
        if violations is not UNSET:
            field_dict["violations"] = violations
        if omitted is not UNSET:
            field_dict["omitted"] = omitted
        if omitted_on_violation is not UNSET:
            field_dict["omitted_on_violation"] = omitted_on_violation
        if blocked_reason is not UNSET:
            field_dict["blockedReason"] = blocked_reason
        if forwarded_to is not UNSET:
            field_dict["forwardedTo"] = forwarded_to
        if violation_events is not UNSET:
            field_dict["violationEvents"] = violation_events
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event import Event
        from ..models.rule_ref import RuleRef
        from ..models.violation import Violation

        d = dict(src_dict)
        index = d.pop("index")

        outcome = Outcome(d.pop("outcome"))

        checked = d.pop("checked")

        def _parse_event(data: object) -> Event | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                event_type_0 = Event.from_dict(data)

                return event_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Event | None | Unset, data)

        event = _parse_event(d.pop("event", UNSET))

        _rules = d.pop("rules", UNSET)
        rules: list[RuleRef] | Unset = UNSET
        if _rules is not UNSET:
            rules = []
            for rules_item_data in _rules:
                rules_item = RuleRef.from_dict(rules_item_data)

                rules.append(rules_item)

        unplanned = d.pop("unplanned", UNSET)

        _violations = d.pop("violations", UNSET)
        violations: list[Violation] | Unset = UNSET
        if _violations is not UNSET:
            violations = []
            for violations_item_data in _violations:
                violations_item = Violation.from_dict(violations_item_data)

                violations.append(violations_item)

        omitted = cast(list[str], d.pop("omitted", UNSET))

        omitted_on_violation = cast(list[str], d.pop("omitted_on_violation", UNSET))

        def _parse_blocked_reason(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        blocked_reason = _parse_blocked_reason(d.pop("blockedReason", UNSET))

        def _parse_forwarded_to(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        forwarded_to = _parse_forwarded_to(d.pop("forwardedTo", UNSET))

        _violation_events = d.pop("violationEvents", UNSET)
        violation_events: list[Event] | Unset = UNSET
        if _violation_events is not UNSET:
            violation_events = []
            for violation_events_item_data in _violation_events:
                violation_events_item = Event.from_dict(violation_events_item_data)

                violation_events.append(violation_events_item)

        def _parse_error(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        pipeline_result = cls(
            index=index,
            outcome=outcome,
            checked=checked,
            event=event,
            rules=rules,
            unplanned=unplanned,
            violations=violations,
            omitted=omitted,
            omitted_on_violation=omitted_on_violation,
            blocked_reason=blocked_reason,
            forwarded_to=forwarded_to,
            violation_events=violation_events,
            error=error,
        )

        pipeline_result.additional_properties = d
        return pipeline_result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
