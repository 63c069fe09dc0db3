from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.recent_event_event import RecentEventEvent


T = TypeVar("T", bound="RecentEvent")


@_attrs_define
class RecentEvent:
    """
    Attributes:
        received_at (str):
        outcome (str):
        event (RecentEventEvent):
        blocked_reason (str | Unset):
        error (str | Unset):
        forwarded_from (str | Unset):
    """

    received_at: str
    outcome: str
    event: RecentEventEvent
    blocked_reason: str | Unset = UNSET
    error: str | Unset = UNSET
    forwarded_from: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        received_at = self.received_at

        outcome = self.outcome

        event = self.event.to_dict()

        blocked_reason: str | Unset
        if isinstance(self.blocked_reason, Unset):
            blocked_reason = UNSET
        else:
            blocked_reason = self.blocked_reason

        error: str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        forwarded_from: str | Unset
        if isinstance(self.forwarded_from, Unset):
            forwarded_from = UNSET
        else:
            forwarded_from = self.forwarded_from

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "receivedAt": received_at,
                "outcome": outcome,
                "event": event,
            }
        )
        if blocked_reason is not UNSET:
            field_dict["blockedReason"] = blocked_reason
        if error is not UNSET:
            field_dict["error"] = error
        if forwarded_from is not UNSET:
            field_dict["forwardedFrom"] = forwarded_from

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recent_event_event import RecentEventEvent

        d = dict(src_dict)
        received_at = d.pop("receivedAt")

        outcome = d.pop("outcome")

        event = RecentEventEvent.from_dict(d.pop("event"))

        def _parse_blocked_reason(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        blocked_reason = _parse_blocked_reason(d.pop("blockedReason", UNSET))

        def _parse_error(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_forwarded_from(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        forwarded_from = _parse_forwarded_from(d.pop("forwardedFrom", UNSET))

        recent_event = cls(
            received_at=received_at,
            outcome=outcome,
            event=event,
            blocked_reason=blocked_reason,
            error=error,
            forwarded_from=forwarded_from,
        )

        recent_event.additional_properties = d
        return recent_event

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
