from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ImportRules")


@_attrs_define
class ImportRules:
    """
    Attributes:
        library_id (str):
        keys (list[str] | None | Unset):
    """

    library_id: str
    keys: list[str] | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        library_id = self.library_id

        keys: list[str] | Unset | None
        if isinstance(self.keys, Unset):
            keys = UNSET
        elif isinstance(self.keys, list):
            keys = self.keys

        else:
            keys = self.keys

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "libraryId": library_id,
            }
        )
        if keys is not UNSET:
            field_dict["keys"] = keys

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        library_id = d.pop("libraryId")

        def _parse_keys(data: object) -> list[str] | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                keys_type_0 = cast(list[str], data)

                return keys_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        keys = _parse_keys(d.pop("keys", UNSET))

        import_rules = cls(
            library_id=library_id,
            keys=keys,
        )

        return import_rules
