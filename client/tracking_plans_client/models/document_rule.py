from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.rule_type import RuleType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_schema import JsonSchema
    from ..models.label import Label


T = TypeVar("T", bound="DocumentRule")


@_attrs_define
class DocumentRule:
    """
    Attributes:
        type_ (RuleType):
        version (int): Event version, 1 or more.
        json_schema (JsonSchema | None):
        key (None | str | Unset): Event name for TRACK, page or screen name for PAGE and SCREEN; matched exactly.
        labels (list[Label] | Unset):
        description (None | str | Unset): Up to 2,000 characters.
    """

    type_: RuleType
    version: int
    json_schema: JsonSchema | None
    key: str | Unset | None = UNSET
    labels: list[Label] | Unset = UNSET
    description: str | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.json_schema import JsonSchema

        type_ = self.type_.value

        version = self.version

        json_schema: dict[str, Any] | None
        if isinstance(self.json_schema, JsonSchema):
            json_schema = self.json_schema.to_dict()
        else:
            json_schema = self.json_schema

        key: str | Unset | None
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        labels: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = []
            for labels_item_data in self.labels:
                labels_item = labels_item_data.to_dict()
                labels.append(labels_item)

        description: str | Unset | None
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "version": version,
                "jsonSchema": json_schema,
            }
        )
        if key is not UNSET:
            field_dict["key"] = key
        if labels is not UNSET:
            field_dict["labels"] = labels
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.json_schema import JsonSchema
        from ..models.label import Label

        d = dict(src_dict)
        type_ = RuleType(d.pop("type"))

        version = d.pop("version")

        def _parse_json_schema(data: object) -> JsonSchema | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                json_schema_type_0 = JsonSchema.from_dict(data)

                return json_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonSchema | None, data)

        json_schema = _parse_json_schema(d.pop("jsonSchema"))

        def _parse_key(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key = _parse_key(d.pop("key", UNSET))

        _labels = d.pop("labels", UNSET)
        labels: list[Label] | Unset = UNSET
        if _labels is not UNSET:
            labels = []
            for labels_item_data in _labels:
                labels_item = Label.from_dict(labels_item_data)

                labels.append(labels_item)

        def _parse_description(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        document_rule = cls(
            type_=type_,
            version=version,
            json_schema=json_schema,
            key=key,
            labels=labels,
            description=description,
        )

        return document_rule
