from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.schema_window import SchemaWindow
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.observed_rule import ObservedRule


T = TypeVar("T", bound="ImportObserved")


@_attrs_define
class ImportObserved:
    """
    Attributes:
        source_id (str): A source's id.
        window (SchemaWindow | Unset): How far back a schema read or import looks: whole days, the day the window starts
            in included.
        events (list[ObservedRule] | None | Unset):
        required_when_always_present (bool | Unset):  Default: False.
    """

    source_id: str
    window: SchemaWindow | Unset = UNSET
    events: list[ObservedRule] | Unset | None = UNSET
    required_when_always_present: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        source_id = self.source_id

        window: str | Unset = UNSET
        if not isinstance(self.window, Unset):
            window = self.window.value

        events: list[dict[str, Any]] | Unset | None
        if isinstance(self.events, Unset):
            events = UNSET
        elif isinstance(self.events, list):
            events = []
            for events_type_0_item_data in self.events:
                events_type_0_item = events_type_0_item_data.to_dict()
                events.append(events_type_0_item)

        else:
            events = self.events

        required_when_always_present = self.required_when_always_present

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "sourceId": source_id,
            }
        )
        if window is not UNSET:
            field_dict["window"] = window
        if events is not UNSET:
            field_dict["events"] = events
        if required_when_always_present is not UNSET:
            field_dict["requiredWhenAlwaysPresent"] = required_when_always_present

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.observed_rule import ObservedRule

        d = dict(src_dict)
        source_id = d.pop("sourceId")

        _window = d.pop("window", UNSET)
        window: SchemaWindow | Unset
        if isinstance(_window, Unset):
            window = UNSET
        else:
            window = SchemaWindow(_window)

        def _parse_events(data: object) -> list[ObservedRule] | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                events_type_0 = []
                _events_type_0 = data
                for events_type_0_item_data in _events_type_0:
                    events_type_0_item = ObservedRule.from_dict(events_type_0_item_data)

                    events_type_0.append(events_type_0_item)

                return events_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ObservedRule] | None | Unset, data)

        events = _parse_events(d.pop("events", UNSET))

        required_when_always_present = d.pop("requiredWhenAlwaysPresent", UNSET)

        import_observed = cls(
            source_id=source_id,
            window=window,
            events=events,
            required_when_always_present=required_when_always_present,
        )

        return import_observed
