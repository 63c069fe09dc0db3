from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CreateSourceConnection")


@_attrs_define
class CreateSourceConnection:
    """
    Attributes:
        source_name (str):
    """

    source_name: str

    def to_dict(self) -> dict[str, Any]:
        source_name = self.source_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "source_name": source_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source_name = d.pop("source_name")

        create_source_connection = cls(
            source_name=source_name,
        )

        return create_source_connection
