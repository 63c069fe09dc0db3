from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_schema import JsonSchema


T = TypeVar("T", bound="ConfigEvent")


@_attrs_define
class ConfigEvent:
    """
    Attributes:
        name (str): Event name for TRACK, page or screen name for PAGE and SCREEN; matched exactly.
        rules (JsonSchema | None):
        description (None | str | Unset): Up to 2,000 characters.
        version (int | Unset): Event version, 1 or more. Default: 1.
    """

    name: str
    rules: JsonSchema | None
    description: str | Unset | None = UNSET
    version: int | Unset = 1

    def to_dict(self) -> dict[str, Any]:
        from ..models.json_schema import JsonSchema

        name = self.name

        rules: dict[str, Any] | None
        if isinstance(self.rules, JsonSchema):
            rules = self.rules.to_dict()
        else:
            rules = self.rules

        description: str | Unset | None
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "rules": rules,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.json_schema import JsonSchema

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_rules(data: object) -> JsonSchema | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rules_type_0 = JsonSchema.from_dict(data)

                return rules_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonSchema | None, data)

        rules = _parse_rules(d.pop("rules"))

        def _parse_description(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        version = d.pop("version", UNSET)

        config_event = cls(
            name=name,
            rules=rules,
            description=description,
            version=version,
        )

        return config_event
