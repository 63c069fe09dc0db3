from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event import Event


T = TypeVar("T", bound="PreviewTransformations")


@_attrs_define
class PreviewTransformations:
    """
    Attributes:
        source_id (str):
        event (Event): An event as the HTTP Tracking API carries it (`type`, `event`, ...).
        destination_metadata_id (None | str | Unset): The kind of destination it applies to; absent: at the source, for
            every destination.
    """

    source_id: str
    event: Event
    destination_metadata_id: str | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        source_id = self.source_id

        event = self.event.to_dict()

        destination_metadata_id: str | Unset | None
        if isinstance(self.destination_metadata_id, Unset):
            destination_metadata_id = UNSET
        else:
            destination_metadata_id = self.destination_metadata_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "sourceId": source_id,
                "event": event,
            }
        )
        if destination_metadata_id is not UNSET:
            field_dict["destinationMetadataId"] = destination_metadata_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event import Event

        d = dict(src_dict)
        source_id = d.pop("sourceId")

        event = Event.from_dict(d.pop("event"))

        def _parse_destination_metadata_id(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        destination_metadata_id = _parse_destination_metadata_id(d.pop("destinationMetadataId", UNSET))

        preview_transformations = cls(
            source_id=source_id,
            event=event,
            destination_metadata_id=destination_metadata_id,
        )

        return preview_transformations
